import { randomUUID } from 'node:crypto';
import { demoData, type DemoUser } from '@crm/demo-data';
import { catalogue, Events, OutboxMessage, Topics, type EventEnvelope } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor, type Scope } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';
import { seedDemoCollusion } from '../src/demo/collusion-demo';

/**
 * FUN-5 against real PostgreSQL, the clock moved rather than waited for. First the pool's events fed
 * straight through the real consumer: quick hand-offs counted per pair within the window, a record
 * passed back and forth, a teammate claiming as protection ends, one OPEN flag per pair and kind,
 * who sees flags, dismissal, thresholds, redelivery. Then seed 003's trick through the real pool
 * mutations: a drop → claim → hand-back between two reps three times in a week.
 */
const clock = new ManualClock('2026-12-07T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const admin = person('admin');
const manager = person('manager.east.shanghai');
const regionManager = person('manager.east');
const otherManager = person('manager.east.hangzhou');

let system: TestSubgraphs;
let url: string;

interface EvidenceView {
  move: string;
  recordType: string;
  recordId: string;
  customer: { id: string };
  person: { id: string };
  formerOwner: { id: string } | null;
  at: string;
  dropReason: string | null;
}
interface FlagView {
  id: string;
  kind: string;
  status: string;
  personA: { id: string };
  personB: { id: string };
  closedBy: { id: string } | null;
  closeReason: string | null;
  reversedRecordId: string | null;
  evidence: { edges: { cursor: string; node: EvidenceView }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const EVIDENCE = 'move recordType recordId customer { id } person { id } formerOwner { id } at dropReason';
const FLAG = `id kind status personA { id } personB { id } closedBy { id } closeReason reversedRecordId
  evidence(first: 100) { edges { cursor node { ${EVIDENCE} } } pageInfo { hasNextPage endCursor } }`;
const FLAGS = `query ($filter: CollusionFlagFilter) { collusionFlags(filter: $filter, first: 100) { edges { node { ${FLAG} } } } }`;
const EVIDENCE_PAGE = `query ($id: ID!, $after: String) { collusionFlag(id: $id) { evidence(first: 2, after: $after) { edges { node { ${EVIDENCE} } } pageInfo { hasNextPage endCursor } } } }`;
const DISMISS = `mutation ($id: ID!, $reason: String!) { dismissCollusionFlag(id: $id, reason: $reason) { ${FLAG} } }`;
const REVERSE = `mutation ($flagId: ID!, $recordId: ID!, $reason: String!) { reverseCollusionClaim(flagId: $flagId, recordId: $recordId, reason: $reason) { ${FLAG} } }`;
const THRESHOLDS = 'query { collusionThresholds { handoffMinutes repeatCount windowDays protectionEndMinutes } }';
const SET_THRESHOLDS = 'mutation ($input: CollusionThresholdsInput!) { setCollusionThresholds(input: $input) { handoffMinutes repeatCount windowDays protectionEndMinutes } }';

const call = async <T>(user: DemoUser, query: string, variables: Record<string, unknown> = {}) => graphql<T>(url, query, { token: await system.tokenFor(actorOf(user)), variables });
const extensionsOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions ?? {};
const funnelRows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await system.running.funnel!.orm.em.fork().getConnection().execute(sql, params)) as T[];

async function flagsSeenBy(user: DemoUser, filter: Record<string, unknown> = {}): Promise<FlagView[]> {
  const response = await call<{ collusionFlags: { edges: { node: FlagView }[] } }>(user, FLAGS, { filter });
  expect(response.errors).toBeUndefined();
  return response.data!.collusionFlags.edges.map((edge) => edge.node);
}

const isPair = (flag: FlagView, a: DemoUser, b: DemoUser) => [flag.personA.id, flag.personB.id].sort().join() === [a.id, b.id].sort().join();
const flagsOf = async (a: DemoUser, b: DemoUser, seenBy = manager) => (await flagsSeenBy(seenBy)).filter((flag) => isPair(flag, a, b));
/** The evidence as (move, who, record) steps, in the order it happened. */
const steps = (flag: FlagView) => flag.evidence.edges.map(({ node }) => [node.move, node.person.id, node.recordId]);

async function flaggedEvents(flagId: string): Promise<Record<string, unknown>[]> {
  const rows = await funnelRows<{ envelope: EventEnvelope }>("select envelope from outbox_message where envelope ->> 'type' = ? and envelope -> 'payload' ->> 'flagId' = ?", [Events.CollusionFlagged, flagId]);
  return rows.map(({ envelope }) => catalogue[Events.CollusionFlagged].payload.parse(envelope.payload));
}

/** The pool's events, as the pool module publishes them, each at the clock's moment. */
const pool = {
  lastDrop: new Map<string, { by: DemoUser; at: Date }>(),
  customerId: randomUUID(),
  async publish(record: (scope: Scope) => EventEnvelope): Promise<EventEnvelope> {
    const scope = system.running.funnel!.systemScope();
    const envelope = record(scope);
    await scope.em.flush();
    await system.settled();
    return envelope;
  },
  async drop(by: DemoUser, recordId: string, protectionDays = 7): Promise<void> {
    const at = clock.now();
    const protectedUntil = new Date(at.getTime() + protectionDays * 86_400_000).toISOString();
    await this.publish((scope) =>
      scope.recordEvent({
        type: Events.PoolRecordDropped,
        key: recordId,
        payload: { recordType: 'OPPORTUNITY', recordId, customerId: this.customerId, formerOwnerId: by.id, reason: 'RELEASED', note: null, droppedAt: at.toISOString(), protectedUntil },
      }),
    );
    this.lastDrop.set(recordId, { by, at });
  },
  claim(by: DemoUser, recordId: string): Promise<EventEnvelope> {
    const drop = this.lastDrop.get(recordId);
    return this.publish((scope) =>
      scope.recordEvent({
        type: Events.PoolRecordClaimed,
        key: recordId,
        payload: { recordType: 'OPPORTUNITY', recordId, customerId: this.customerId, ownerId: by.id, formerOwnerId: drop?.by.id ?? null, droppedAt: drop?.at.toISOString() ?? null, claimedAt: clock.now().toISOString() },
      }),
    );
  },
  /** `from` drops the record, `to` claims it `minutes` later. */
  async handOff(from: DemoUser, to: DemoUser, recordId: string, minutes = 5): Promise<void> {
    await this.drop(from, recordId);
    clock.advance({ minutes });
    await this.claim(to, recordId);
  },
};

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, funnelSubgraph], { clock, seedDemoData: true });
  url = system.running.funnel!.url;
}, 180_000);

afterAll(async () => system?.stop());

describe('QUICK_HANDOFF: one drops, the other claims within minutes, repeatedly', () => {
  const rep = person('rep2.east.shanghai.team2');
  const partner = person('rep3.east.shanghai.team2');
  const records = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  let flag: FlagView;

  it('is not flagged below the threshold, nor for a claim long after the drop', async () => {
    await pool.handOff(rep, partner, records[0]!);
    clock.advance({ hours: 3 });
    await pool.handOff(partner, rep, records[1]!);
    clock.advance({ hours: 3 });
    await pool.handOff(rep, partner, records[2]!, 45);
    expect(await flagsOf(rep, partner)).toEqual([]);
  });

  it('is flagged at the third hand-off within the week, either way round, with the drops and claims in order', async () => {
    clock.advance({ hours: 3 });
    await pool.handOff(partner, rep, records[3]!);
    const flags = await flagsOf(rep, partner);
    expect(flags.map((f) => [f.kind, f.status])).toEqual([['QUICK_HANDOFF', 'OPEN']]);
    flag = flags[0]!;
    expect(steps(flag)).toEqual([
      ['DROPPED', rep.id, records[0]],
      ['CLAIMED', partner.id, records[0]],
      ['DROPPED', partner.id, records[1]],
      ['CLAIMED', rep.id, records[1]],
      ['DROPPED', partner.id, records[3]],
      ['CLAIMED', rep.id, records[3]],
    ]);
    const claim = flag.evidence.edges[1]!.node;
    expect(claim).toMatchObject({ recordType: 'OPPORTUNITY', customer: { id: pool.customerId }, formerOwner: { id: rep.id }, dropReason: null });
    expect(flag.evidence.edges[0]!.node.dropReason).toBe('RELEASED');
    expect(new Date(claim.at).getTime() - new Date(flag.evidence.edges[0]!.node.at).getTime()).toBe(5 * 60_000);
    const announced = await flaggedEvents(flag.id);
    expect(announced).toEqual([expect.objectContaining({ kind: 'QUICK_HANDOFF', personAId: flag.personA.id, personBId: flag.personB.id })]);
    expect((announced[0]!.recordIds as string[]).sort()).toEqual([records[0], records[1], records[3]].sort());
  });

  it('adds a further hand-off to the OPEN flag instead of opening another, announced once', async () => {
    clock.advance({ hours: 3 });
    await pool.handOff(rep, partner, records[0]!);
    const flags = await flagsOf(rep, partner);
    expect(flags.map((f) => f.id)).toEqual([flag.id]);
    expect(steps(flags[0]!).slice(-2)).toEqual([
      ['DROPPED', rep.id, records[0]],
      ['CLAIMED', partner.id, records[0]],
    ]);
    expect(await flaggedEvents(flag.id)).toHaveLength(1);
  });

  it('pages the evidence in the order it happened', async () => {
    const page = async (after: string | null) => (await call<{ collusionFlag: { evidence: FlagView['evidence'] } }>(manager, EVIDENCE_PAGE, { id: flag.id, after })).data!.collusionFlag.evidence;
    const first = await page(null);
    const second = await page(first.pageInfo.endCursor);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect([...first.edges, ...second.edges].map(({ node }) => [node.move, node.person.id, node.recordId])).toEqual(steps(flag).slice(0, 4));
  });

  it('logs a redelivered event once', async () => {
    const recordId = randomUUID();
    await pool.drop(person('rep1.south.guangzhou.team1'), recordId);
    const claimed = await pool.claim(person('rep2.south.guangzhou.team1'), recordId);
    await pool.publish((scope) => {
      scope.em.persist(new OutboxMessage(Topics.Pools, claimed));
      return claimed;
    });
    expect(await funnelRows('select kind from collusion_movement where record_id = ? order by occurred_at', [recordId])).toEqual([{ kind: 'DROPPED' }, { kind: 'CLAIMED' }]);
  });

  describe('who sees it', () => {
    it('the managers above both people and admins; not the people, nor a manager above neither', async () => {
      for (const viewer of [manager, regionManager, admin]) expect((await flagsOf(rep, partner, viewer)).map((f) => f.id)).toEqual([flag.id]);
      for (const viewer of [rep, partner, person('lead.east.shanghai.team2'), otherManager]) expect(await flagsSeenBy(viewer)).toEqual([]);
      const read = await call<{ collusionFlag: FlagView | null }>(rep, `query ($id: ID!) { collusionFlag(id: $id) { id } }`, { id: flag.id });
      expect(read.data!.collusionFlag).toBeNull();
    });

    it('a manager above only one of them does not see it', async () => {
      const [here, there] = [person('rep1.east.shanghai.team2'), person('rep1.east.hangzhou.team1')];
      for (const recordId of [randomUUID(), randomUUID(), randomUUID()]) await pool.handOff(here, there, recordId);
      expect(await flagsOf(here, there, admin)).toHaveLength(1);
      expect(await flagsOf(here, there, manager)).toEqual([]);
      expect(await flagsOf(here, there, otherManager)).toEqual([]);
    });
  });

  describe('dismissal', () => {
    it('refuses someone who cannot see it with NOT_FOUND, and changes nothing', async () => {
      for (const outsider of [rep, otherManager]) {
        const refused = await call(outsider, DISMISS, { id: flag.id, reason: '正常交接' });
        expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
        expect(extensionsOf(refused).reason).toBe('COLLUSION_FLAG_NOT_FOUND');
      }
      expect((await flagsOf(rep, partner))[0]!.status).toBe('OPEN');
    });

    it('closes it with who and why, audited; a second dismissal is CONFLICT', async () => {
      const dismissed = await call<{ dismissCollusionFlag: FlagView }>(manager, DISMISS, { id: flag.id, reason: '同组正常交接，已核实' });
      expect(dismissed.errors).toBeUndefined();
      expect(dismissed.data!.dismissCollusionFlag).toMatchObject({ status: 'DISMISSED', closedBy: { id: manager.id }, closeReason: '同组正常交接，已核实' });
      expect(await funnelRows("select actor_id, reason from audit_entry where subject_type = 'CollusionFlag' and subject_id = ? and action = 'collusion_flag.dismissed'", [flag.id])).toEqual([
        { actor_id: manager.id, reason: '同组正常交接，已核实' },
      ]);
      const again = await call(admin, DISMISS, { id: flag.id, reason: '重复' });
      expect(errorCodes(again)).toEqual(['CONFLICT']);
      expect(extensionsOf(again)).toMatchObject({ reason: 'COLLUSION_FLAG_CLOSED', status: 'DISMISSED' });
      expect((await flagsSeenBy(manager, { status: 'DISMISSED' })).map((f) => f.id)).toContain(flag.id);
      expect((await flagsSeenBy(manager, { status: 'OPEN' })).map((f) => f.id)).not.toContain(flag.id);
    });

    it('does not count the dismissed evidence again: a new flag needs as many new hand-offs', async () => {
      clock.advance({ hours: 1 });
      await pool.handOff(partner, rep, randomUUID());
      await pool.handOff(rep, partner, randomUUID());
      expect((await flagsOf(rep, partner)).filter((f) => f.status === 'OPEN')).toEqual([]);
      await pool.handOff(partner, rep, randomUUID());
      const open = (await flagsOf(rep, partner)).filter((f) => f.status === 'OPEN');
      expect(open.map((f) => [f.kind, f.evidence.edges.length])).toEqual([['QUICK_HANDOFF', 6]]);
    });
  });

  it('does not count hand-offs older than the window', async () => {
    const [a, b] = [person('rep1.east.nanjing.team1'), person('rep2.east.nanjing.team1')];
    await pool.handOff(a, b, randomUUID());
    await pool.handOff(b, a, randomUUID());
    clock.advance({ days: 8 });
    await pool.handOff(a, b, randomUUID());
    expect(await flagsOf(a, b, admin)).toEqual([]);
  });
});

describe('PING_PONG: a record passed from A to B and back to A', () => {
  const [a, b] = [person('rep1.south.shenzhen.team1'), person('rep2.south.shenzhen.team1')];

  it('is flagged when the record comes back within the window, however slowly it moved', async () => {
    const recordId = randomUUID();
    await pool.handOff(a, b, recordId, 180);
    expect(await flagsOf(a, b, admin)).toEqual([]);
    clock.advance({ days: 2 });
    await pool.handOff(b, a, recordId, 240);
    const flags = await flagsOf(a, b, admin);
    expect(flags.map((f) => f.kind)).toEqual(['PING_PONG']);
    expect(steps(flags[0]!)).toEqual([
      ['DROPPED', a.id, recordId],
      ['CLAIMED', b.id, recordId],
      ['DROPPED', b.id, recordId],
      ['CLAIMED', a.id, recordId],
    ]);
  });

  it('is not flagged when the record comes back after the window', async () => {
    const [c, d] = [person('rep1.west.chengdu.team1'), person('rep2.west.chengdu.team1')];
    const recordId = randomUUID();
    await pool.handOff(c, d, recordId, 60);
    clock.advance({ days: 8 });
    await pool.handOff(d, c, recordId, 60);
    expect(await flagsOf(c, d, admin)).toEqual([]);
  });
});

describe("TEAMMATE_AT_PROTECTION_END: the former owner's teammate claims as protection ends", () => {
  it('flags someone of the same unit claiming just after the protection ended', async () => {
    const [owner, teammate] = [person('rep1.west.chongqing.team1'), person('rep2.west.chongqing.team1')];
    const recordId = randomUUID();
    await pool.drop(owner, recordId, 3);
    clock.advance({ days: 3, minutes: 20 });
    await pool.claim(teammate, recordId);
    const flags = await flagsOf(owner, teammate, admin);
    expect(flags.map((f) => [f.kind, steps(f)])).toEqual([
      [
        'TEAMMATE_AT_PROTECTION_END',
        [
          ['DROPPED', owner.id, recordId],
          ['CLAIMED', teammate.id, recordId],
        ],
      ],
    ]);
  });

  it('flags someone of the same sales team in another unit', async () => {
    const [owner, teammate] = [person('rep1.north.beijing.team1'), person('rep1.north.tianjin.team1')];
    const recordId = randomUUID();
    await pool.drop(owner, recordId, 3);
    clock.advance({ days: 3, minutes: 59 });
    await pool.claim(teammate, recordId);
    expect((await flagsOf(owner, teammate, admin)).map((f) => f.kind)).toEqual(['TEAMMATE_AT_PROTECTION_END']);
  });

  it('does not flag someone outside the team, nor a teammate claiming long after', async () => {
    const owner = person('rep1.west.chongqing.team2');
    const [stranger, lateTeammate] = [person('rep1.west.chengdu.team2'), person('rep2.west.chongqing.team2')];
    const first = randomUUID();
    await pool.drop(owner, first, 3);
    clock.advance({ days: 3, minutes: 10 });
    await pool.claim(stranger, first);
    const second = randomUUID();
    await pool.drop(owner, second, 3);
    clock.advance({ days: 3, minutes: 61 });
    await pool.claim(lateTeammate, second);
    expect([...(await flagsOf(owner, stranger, admin)), ...(await flagsOf(owner, lateTeammate, admin))]).toEqual([]);
  });
});

describe('a manager who is one of the two people', () => {
  it('does not see the flag; the managers above them do', async () => {
    const [cityManager, rep] = [person('manager.west.chongqing'), person('rep3.west.chongqing.team2')];
    for (let round = 0; round < 3; round += 1) {
      await pool.handOff(cityManager, rep, randomUUID());
      clock.advance({ hours: 3 });
    }
    expect(await flagsOf(cityManager, rep, cityManager)).toEqual([]);
    expect((await flagsOf(cityManager, rep, person('manager.west'))).map((flag) => flag.kind)).toEqual(['QUICK_HANDOFF']);
  });
});

describe('thresholds', () => {
  it('are the defaults until an admin sets them; managers read them, reps do not', async () => {
    expect((await call(manager, THRESHOLDS)).data).toEqual({ collusionThresholds: { handoffMinutes: 30, repeatCount: 3, windowDays: 7, protectionEndMinutes: 60 } });
    expect(errorCodes(await call(person('rep1.east.shanghai.team1'), THRESHOLDS))).toEqual(['FORBIDDEN']);
  });

  it('are set by admins only, within bounds, audited; the next claims are measured by them', async () => {
    expect(errorCodes(await call(manager, SET_THRESHOLDS, { input: { repeatCount: 2 } }))).toEqual(['FORBIDDEN']);
    const refused = await call(admin, SET_THRESHOLDS, { input: { repeatCount: 1 } });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(extensionsOf(refused).field).toBe('repeatCount');
    const set = await call(admin, SET_THRESHOLDS, { input: { repeatCount: 2, handoffMinutes: 10 } });
    expect(set.data).toEqual({ setCollusionThresholds: { handoffMinutes: 10, repeatCount: 2, windowDays: 7, protectionEndMinutes: 60 } });
    expect(await funnelRows("select after from audit_entry where action = 'collusion.thresholds_set'")).toEqual([{ after: { handoffMinutes: 10, repeatCount: 2, windowDays: 7, protectionEndMinutes: 60 } }]);

    const [a, b] = [person('rep1.south.guangzhou.team2'), person('rep2.south.guangzhou.team2')];
    await pool.handOff(a, b, randomUUID(), 15);
    await pool.handOff(b, a, randomUUID(), 5);
    expect(await flagsOf(a, b, admin)).toEqual([]);
    await pool.handOff(a, b, randomUUID(), 5);
    expect((await flagsOf(a, b, admin)).map((f) => [f.kind, f.evidence.edges.length])).toEqual([['QUICK_HANDOFF', 4]]);

    await call(admin, SET_THRESHOLDS, { input: { repeatCount: 3, handoffMinutes: 30 } });
  });
});

describe("seed 003's trick through the real pool: drop → claim → hand-back, three times in a week", () => {
  const [rep, partner] = [person('rep1.east.hangzhou.team2'), person('rep2.east.hangzhou.team2')];
  const RELEASE = 'mutation ($input: ReleasePoolRecordInput!) { releasePoolRecord(input: $input) { state } }';
  const CLAIM = 'mutation ($input: PoolRecordInput!) { claimPoolRecord(input: $input) { state owner { id } } }';
  let opportunityId: string;
  let handoffFlag: FlagView;

  async function release(user: DemoUser): Promise<void> {
    expect((await call(user, RELEASE, { input: { recordType: 'OPPORTUNITY', recordId: opportunityId, reason: '客户暂无需求' } })).errors).toBeUndefined();
    await system.settled();
  }
  async function claim(user: DemoUser): Promise<void> {
    expect((await call(user, CLAIM, { input: { recordType: 'OPPORTUNITY', recordId: opportunityId } })).errors).toBeUndefined();
    await system.settled();
  }

  beforeAll(async () => {
    clock.advance({ days: 1 });
    const lead = await call<{ createLead: { id: string } }>(rep, 'mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }', {
      input: { title: '展会：冷链设备', source: 'EVENT', companyName: '杭州冷链设备有限公司' },
    });
    const leadId = lead.data!.createLead.id;
    expect((await call(rep, 'mutation ($id: ID!) { verifyLead(id: $id) { id } }', { id: leadId })).errors).toBeUndefined();
    const converted = await call<{ convertLead: { id: string } }>(rep, 'mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { id } }', { input: { leadId } });
    expect(converted.errors).toBeUndefined();
    opportunityId = converted.data!.convertLead.id;
    await system.settled();
  });

  it('flags the pair to their managers, with the sequence, by the third round', async () => {
    for (let round = 0; round < 3; round += 1) {
      await release(rep);
      clock.advance({ minutes: 4 });
      await claim(partner);
      clock.advance({ hours: 2 });
      await release(partner);
      clock.advance({ minutes: 6 });
      await claim(rep);
      clock.advance({ days: 2 });
    }
    const flags = await flagsOf(rep, partner, otherManager);
    expect(flags.map((f) => f.kind).sort()).toEqual(['PING_PONG', 'QUICK_HANDOFF']);
    handoffFlag = flags.find((f) => f.kind === 'QUICK_HANDOFF')!;
    const round = [
      ['DROPPED', rep.id, opportunityId],
      ['CLAIMED', partner.id, opportunityId],
      ['DROPPED', partner.id, opportunityId],
      ['CLAIMED', rep.id, opportunityId],
    ];
    expect(steps(handoffFlag)).toEqual([...round, ...round, ...round]);
    expect(handoffFlag.evidence.edges.map(({ node }) => node.dropReason).filter(Boolean)).toEqual(Array(6).fill('RELEASED'));
    expect(await flagsOf(rep, partner, manager)).toEqual([]);
    expect(await flagsSeenBy(rep)).toEqual([]);
  });

  it('lets their manager reverse a claim in the evidence: back to the public pool, the flag closed, audited', async () => {
    const notInEvidence = await call(otherManager, REVERSE, { flagId: handoffFlag.id, recordId: randomUUID(), reason: '串通' });
    expect(errorCodes(notInEvidence)).toEqual(['BAD_USER_INPUT']);
    expect(extensionsOf(notInEvidence)).toMatchObject({ reason: 'RECORD_NOT_IN_EVIDENCE', field: 'recordId' });

    const reversed = await call<{ reverseCollusionClaim: FlagView }>(otherManager, REVERSE, { flagId: handoffFlag.id, recordId: opportunityId, reason: '两人反复互相捡单' });
    expect(reversed.errors).toBeUndefined();
    expect(reversed.data!.reverseCollusionClaim).toMatchObject({ status: 'CLAIM_REVERSED', reversedRecordId: opportunityId, closedBy: { id: otherManager.id } });
    await system.settled();
    const [entry] = await funnelRows<{ state: string; owner_id: string | null; former_owner_id: string }>('select state, owner_id, former_owner_id from pool_entry where record_id = ?', [opportunityId]);
    expect(entry).toEqual({ state: 'PUBLIC', owner_id: null, former_owner_id: rep.id });
    expect(await funnelRows("select actor_id from audit_entry where subject_id = ? and action = 'collusion_flag.claim_reversed'", [handoffFlag.id])).toEqual([{ actor_id: otherManager.id }]);
    const undone = await funnelRows("select envelope -> 'payload' ->> 'reversedById' as by from outbox_message where envelope ->> 'type' = ? and envelope -> 'payload' ->> 'recordId' = ?", [
      Events.PoolRecordClaimReversed,
      opportunityId,
    ]);
    expect(undone).toEqual([{ by: otherManager.id }]);

    const again = await call(otherManager, REVERSE, { flagId: handoffFlag.id, recordId: opportunityId, reason: '再次' });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(extensionsOf(again).reason).toBe('COLLUSION_FLAG_CLOSED');
  });
});

describe('the demo', () => {
  it("shows the Shanghai manager a flagged pair of reps with the hand-offs as evidence", async () => {
    const scope = system.running.funnel!.systemScope();
    await seedDemoCollusion(scope);
    await scope.em.flush();
    const [rep, partner] = [person('rep1.east.shanghai.team1'), person('rep2.east.shanghai.team1')];
    const [flag] = await flagsOf(rep, partner);
    expect(flag).toMatchObject({ kind: 'QUICK_HANDOFF', status: 'OPEN' });
    expect(flag!.evidence.edges.map(({ node }) => node.move).slice(0, 2)).toEqual(['DROPPED', 'CLAIMED']);
  });
});
