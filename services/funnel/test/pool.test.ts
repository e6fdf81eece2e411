import { demoData, type DemoUser } from '@crm/demo-data';
import { catalogue, Events, type EventType } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { createLogger, createScope, JobRunner, ManualClock, newId, openSubgraphDatabase, type Actor } from '@crm/platform';
import { errorCodes, eventually, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import type { MikroORM } from '@mikro-orm/core';
import { funnelSubgraph } from '../src';
import { poolConsumer, poolModule, reverseClaim } from '../src/modules/pool';

/**
 * FUN-4's pools against real PostgreSQL, the clock moved rather than waited for: seed 003's rule
 * (no visit for 10 days: the opportunity drops to the public pool, its owner reminded 2 days
 * before), the former owner's protection, territory, capacity, bad input, and the sweep run by two
 * replicas of funnel's job runner against one database.
 */
const clock = new ManualClock('2026-12-03T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const rep = person('rep1.east.shanghai.team1');
const colleague = person('rep2.east.shanghai.team1');
const outsider = person('rep1.north.beijing.team1');
const manager = person('manager.east.shanghai');
const admin = person('admin');

let system: TestSubgraphs;
let url: string;
let secondOrm: MikroORM;
let secondReplica: JobRunner;

interface EntryView {
  recordType: string;
  recordId: string;
  state: string;
  owner: { id: string } | null;
  dropsAt: string | null;
  dropReason: string | null;
  warned: boolean;
  formerOwner: { id: string } | null;
  protectedUntil: string | null;
  summary: { stage: { name: string } } | null;
  opportunity: { id: string } | null;
}

const ENTRY = 'recordType recordId state owner { id } dropsAt dropReason warned formerOwner { id } protectedUntil summary { stage { name } } opportunity { id }';
const MY_POOL = `query { myPrivatePool(first: 100) { edges { node { ${ENTRY} } } } }`;
const PUBLIC_POOL = `query { publicPool(first: 100) { edges { node { ${ENTRY} } } } }`;
const CLAIM = `mutation ($input: PoolRecordInput!) { claimPoolRecord(input: $input) { ${ENTRY} } }`;
const RELEASE = `mutation ($input: ReleasePoolRecordInput!) { releasePoolRecord(input: $input) { ${ENTRY} } }`;
const SET_CAPACITY = 'mutation ($userId: ID!, $capacity: Int) { setRepPoolCapacity(userId: $userId, capacity: $capacity) { userId capacity held } }';
const SET_POLICY = 'mutation ($input: PoolPolicyInput!) { setPoolPolicy(input: $input) { noFollowUpDays reminderDays protectionDays capacity dailyClaimLimit } }';
const POLICY = 'query ($id: ID!) { poolPolicy(orgUnitId: $id) { noFollowUpDays reminderDays protectionDays capacity dailyClaimLimit customersEnabled } }';
const FLOWS = 'query ($id: ID!, $from: String!, $to: String!) { poolFlows(orgUnitId: $id, from: $from, to: $to) { entered claimed dropped droppedByReason { reason count } } }';
const MOVE = 'mutation ($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }';
const PIPELINES = 'query { pipelines(first: 100) { edges { node { name stages { id name } } } } }';

const call = async <T>(user: DemoUser, query: string, variables: Record<string, unknown> = {}) => graphql<T>(url, query, { token: await system.tokenFor(actorOf(user)), variables });
const extensionsOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions ?? {};
const funnelRows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await system.running.funnel!.orm.em.fork().getConnection().execute(sql, params)) as T[];
const myPool = async (user: DemoUser) => (await call<{ myPrivatePool: { edges: { node: EntryView }[] } }>(user, MY_POOL)).data!.myPrivatePool.edges.map((e) => e.node);
const publicPool = async (user: DemoUser) => (await call<{ publicPool: { edges: { node: EntryView }[] } }>(user, PUBLIC_POOL)).data!.publicPool.edges.map((e) => e.node);
const claim = (user: DemoUser, recordId: string) => call<{ claimPoolRecord: EntryView }>(user, CLAIM, { input: { recordType: 'OPPORTUNITY', recordId } });

/** The payloads of one event type in funnel's outbox, each checked against the catalogue. */
async function published(type: EventType): Promise<Record<string, unknown>[]> {
  const rows = await funnelRows<{ envelope: { version: string; key: string; payload: unknown } }>("select envelope from outbox_message where envelope ->> 'type' = ? order by id", [type]);
  return rows.map(({ envelope }) => {
    expect(envelope.version).toBe(catalogue[type].version);
    return catalogue[type].payload.parse(envelope.payload) as Record<string, unknown>;
  });
}

/** An opportunity of `owner`'s for a customer in a Shanghai district, entered in their private pool. */
async function opportunity(owner: DemoUser, companyName: string, divisionCode = '310104'): Promise<string> {
  const created = await call<{ createLead: { id: string } }>(owner, 'mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }', {
    input: { title: '官网咨询：智能电表', source: 'WEB_INQUIRY', companyName, divisionCode },
  });
  const leadId = created.data!.createLead.id;
  expect((await call(owner, 'mutation ($id: ID!) { verifyLead(id: $id) { id } }', { id: leadId })).errors).toBeUndefined();
  const converted = await call<{ convertLead: { id: string } }>(owner, 'mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { id } }', { input: { leadId } });
  expect(converted.errors).toBeUndefined();
  await system.settled();
  return converted.data!.convertLead.id;
}

/** Moves the clock and lets both replicas look for the sweep's tick at once; waits for that one run. */
async function sweepAt(instant: string): Promise<void> {
  clock.set(instant);
  await Promise.all([system.running.funnel!.jobs.enqueueDueTicks(), secondReplica.enqueueDueTicks(), secondReplica.enqueueDueTicks()]);
  await eventually(async () => {
    expect(await funnelRows("select state from job_record where kind = 'pool.sweep' and scheduled_for = ?", [new Date(instant)])).toEqual([{ state: 'COMPLETED' }]);
  }, 30_000);
  await system.settled();
}

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, funnelSubgraph], { clock, seedDemoData: true });
  url = system.running.funnel!.url;
  // A second replica of funnel's jobs: its own connections to the same database, working the same queues.
  const databaseUrl = system.running.funnel!.orm.config.get('clientUrl')!;
  const logger = createLogger('test', 'error');
  secondOrm = await openSubgraphDatabase(funnelSubgraph, databaseUrl, logger);
  secondReplica = new JobRunner({ subgraph: 'funnel', orm: secondOrm, databaseUrl, jobs: poolModule.jobs!, clock, logger, pollingIntervalSeconds: 0.5 });
  await secondReplica.start();
}, 180_000);

afterAll(async () => {
  await secondReplica?.stop();
  await secondOrm?.close();
  await system?.stop();
});

describe("seed 003's rule: no visit for 10 days", () => {
  let id: string;

  it('puts a converted opportunity in its owner’s private pool, dropping 10 days on unless visited', async () => {
    id = await opportunity(rep, '上海徐汇精密仪器有限公司');
    expect((await myPool(rep)).find((entry) => entry.recordId === id)).toEqual({
      recordType: 'OPPORTUNITY',
      recordId: id,
      state: 'PRIVATE',
      owner: { id: rep.id },
      dropsAt: '2026-12-13T02:00:00.000Z',
      dropReason: 'NO_FOLLOW_UP',
      warned: false,
      formerOwner: null,
      protectedUntil: null,
      summary: { stage: { name: '初步沟通' } },
      opportunity: { id },
    });
  });

  it('reminds the owner once, two days before the drop', async () => {
    await sweepAt('2026-12-11T02:05:00Z');
    await sweepAt('2026-12-11T02:10:00Z');
    expect((await myPool(rep)).find((entry) => entry.recordId === id)).toMatchObject({ state: 'PRIVATE', warned: true });
    const reminders = (await published(Events.PoolRecordDropWarned)).filter((payload) => payload.recordId === id);
    expect(reminders).toEqual([{ recordType: 'OPPORTUNITY', recordId: id, customerId: expect.any(String), ownerId: rep.id, reason: 'NO_FOLLOW_UP', dropsAt: '2026-12-13T02:00:00.000Z' }]);
  });

  it('drops it to the public pool on the tenth day, announced and audited once', async () => {
    await sweepAt('2026-12-13T02:05:00Z');
    expect((await myPool(rep)).map((entry) => entry.recordId)).not.toContain(id);
    expect((await publicPool(colleague)).find((entry) => entry.recordId === id)).toMatchObject({
      state: 'PUBLIC',
      owner: null,
      dropReason: 'NO_FOLLOW_UP',
      formerOwner: { id: rep.id },
      protectedUntil: '2026-12-20T02:05:00.000Z',
      // Someone who may claim it sees what it is, not the opportunity itself, until they claim it.
      summary: { stage: { name: '初步沟通' } },
      opportunity: null,
    });
    const drops = (await published(Events.PoolRecordDropped)).filter((payload) => payload.recordId === id);
    expect(drops).toEqual([
      { recordType: 'OPPORTUNITY', recordId: id, customerId: expect.any(String), formerOwnerId: rep.id, reason: 'NO_FOLLOW_UP', note: null, droppedAt: '2026-12-13T02:05:00.000Z', protectedUntil: '2026-12-20T02:05:00.000Z' },
    ]);
    expect(await funnelRows("select action, reason from audit_entry where subject_type = 'PoolEntry' and subject_id = ?", [id])).toEqual([{ action: 'pool_record.dropped', reason: 'NO_FOLLOW_UP' }]);
  });

  it('refuses its former owner inside the protection period, with the date it ends, and lets them no longer work it', async () => {
    const refused = await claim(rep, id);
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(extensionsOf(refused)).toMatchObject({ reason: 'FORMER_OWNER_PROTECTED', protectedUntil: '2026-12-20T02:05:00.000Z' });
    const pipelines = (await call<{ pipelines: { edges: { node: { name: string; stages: { id: string; name: string }[] } }[] } }>(admin, PIPELINES)).data!.pipelines.edges;
    const secondStage = pipelines.find((e) => e.node.name === '默认销售流程')!.node.stages[1]!;
    const moved = await call(rep, MOVE, { input: { id, stageId: secondStage.id } });
    expect(extensionsOf(moved)).toMatchObject({ code: 'CONFLICT', reason: 'IN_PUBLIC_POOL' });
  });

  it('hides it from a rep of another territory, who cannot claim it either', async () => {
    expect((await publicPool(outsider)).map((entry) => entry.recordId)).not.toContain(id);
    const refused = await claim(outsider, id);
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(extensionsOf(refused).reason).toBe('OUT_OF_TERRITORY');
    expect((await publicPool(colleague)).map((entry) => entry.recordId)).toContain(id);
  });

  it('lets a colleague in the same territory claim it: theirs alone from then on', async () => {
    clock.set('2026-12-14T02:00:00Z');
    const claimed = await claim(colleague, id);
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data!.claimPoolRecord).toMatchObject({ state: 'PRIVATE', owner: { id: colleague.id }, dropsAt: '2026-12-24T02:00:00.000Z', dropReason: 'NO_FOLLOW_UP' });
    await system.settled();
    expect((await publicPool(colleague)).map((entry) => entry.recordId)).not.toContain(id);
    expect((await funnelRows<{ owner_id: string }>('select owner_id from opportunity where id = ?', [id]))[0]!.owner_id).toBe(colleague.id);
    expect((await published(Events.PoolRecordClaimed)).filter((payload) => payload.recordId === id)).toEqual([
      { recordType: 'OPPORTUNITY', recordId: id, customerId: expect.any(String), ownerId: colleague.id, formerOwnerId: rep.id, droppedAt: '2026-12-13T02:05:00.000Z', claimedAt: '2026-12-14T02:00:00.000Z' },
    ]);
    const again = await claim(outsider, id);
    expect(extensionsOf(again)).toMatchObject({ code: 'CONFLICT', reason: 'NOT_IN_PUBLIC_POOL' });
  });

  it('counts what entered, was claimed and dropped, by reason, for the unit and period', async () => {
    const flows = await call<{ poolFlows: Record<string, unknown> }>(manager, FLOWS, { id: manager.orgUnitId, from: '2026-12-13', to: '2026-12-14' });
    expect(flows.errors).toBeUndefined();
    const { claimed, droppedByReason } = flows.data!.poolFlows as { claimed: number; droppedByReason: { reason: string; count: number }[] };
    expect(claimed).toBe(1);
    expect(droppedByReason.find((row) => row.reason === 'NO_FOLLOW_UP')!.count).toBeGreaterThanOrEqual(1);
    expect(errorCodes(await call(rep, FLOWS, { id: manager.orgUnitId, from: '2026-12-13', to: '2026-12-14' }))).toEqual(['FORBIDDEN']);
  });
});

describe('capacity', () => {
  it('refuses a rep at capacity, with the capacity and the count, and writes nothing', async () => {
    const released = await opportunity(rep, '上海静安楼宇科技有限公司', '310106');
    const release = await call(rep, RELEASE, { input: { recordType: 'OPPORTUNITY', recordId: released, reason: '客户已转向竞争对手' } });
    expect(release.errors).toBeUndefined();
    const held = (await myPool(colleague)).length;
    const set = await call<{ setRepPoolCapacity: { capacity: number; held: number } }>(manager, SET_CAPACITY, { userId: colleague.id, capacity: held });
    expect(set.data!.setRepPoolCapacity).toEqual({ userId: colleague.id, capacity: held, held });

    const refused = await claim(colleague, released);
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(extensionsOf(refused)).toMatchObject({ reason: 'POOL_CAPACITY_REACHED', capacity: held, count: held });
    expect((await publicPool(colleague)).find((entry) => entry.recordId === released)).toMatchObject({ state: 'PUBLIC', dropReason: 'RELEASED' });
    expect((await published(Events.PoolRecordClaimed)).filter((payload) => payload.recordId === released)).toEqual([]);
  });
});

describe('bad input', () => {
  it('refuses a claim on a record in no public pool, and writes nothing', async () => {
    const held = await opportunity(rep, '上海杨浦电子有限公司', '310110');
    const refused = await claim(colleague, held);
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(extensionsOf(refused)).toMatchObject({ reason: 'NOT_IN_PUBLIC_POOL', recordId: held });
    expect((await myPool(rep)).find((entry) => entry.recordId === held)).toMatchObject({ state: 'PRIVATE', owner: { id: rep.id } });
  });

  it('refuses a negative capacity or a nonsensical policy, and keeps the rules as they were', async () => {
    const capacity = await call(manager, SET_CAPACITY, { userId: rep.id, capacity: -1 });
    expect(errorCodes(capacity)).toEqual(['BAD_USER_INPUT']);
    const policy = await call(admin, SET_POLICY, { input: { orgUnitId: manager.orgUnitId, noFollowUpDays: 0, capacity: -5 } });
    expect(errorCodes(policy)).toEqual(['BAD_USER_INPUT']);
    expect((await call(rep, POLICY, { id: manager.orgUnitId })).data).toEqual({
      poolPolicy: { noFollowUpDays: 10, reminderDays: 2, protectionDays: 7, capacity: 50, dailyClaimLimit: 10, customersEnabled: false },
    });
    expect(errorCodes(await call(rep, SET_POLICY, { input: { orgUnitId: rep.orgUnitId, capacity: 5 } }))).toEqual(['FORBIDDEN']);
  });
});

describe('policy per unit', () => {
  it('is inherited down the tree and moves the drop dates of what is held under it', async () => {
    const id = await opportunity(rep, '上海长宁仪器有限公司', '310105');
    const set = await call(manager, SET_POLICY, { input: { orgUnitId: manager.orgUnitId, noFollowUpDays: 5 } });
    expect(set.errors).toBeUndefined();
    expect((await call<{ poolPolicy: { noFollowUpDays: number } }>(rep, POLICY, { id: rep.orgUnitId })).data!.poolPolicy.noFollowUpDays).toBe(5);
    const entry = (await myPool(rep)).find((e) => e.recordId === id)!;
    expect(entry.dropsAt).toBe(new Date(clock.now().getTime() + 5 * 86_400_000).toISOString());
  });
});

describe('stage moves', () => {
  it('drop a record without one for M days where the unit sets it, and each move starts that clock again', async () => {
    const id = await opportunity(rep, '上海徐汇钢构有限公司', '310104');
    expect((await call(manager, SET_POLICY, { input: { orgUnitId: manager.orgUnitId, noFollowUpDays: 5, noStageMoveDays: 3 } })).errors).toBeUndefined();
    const entryOf = async () => (await myPool(rep)).find((e) => e.recordId === id)!;
    expect(await entryOf()).toMatchObject({ dropsAt: new Date(clock.now().getTime() + 3 * 86_400_000).toISOString(), dropReason: 'NO_STAGE_MOVE' });
    const movedAt = new Date(clock.now().getTime() + 86_400_000);
    clock.set(movedAt.toISOString());
    const pipelines = (await call<{ pipelines: { edges: { node: { name: string; stages: { id: string }[] } }[] } }>(admin, PIPELINES)).data!.pipelines.edges;
    const stageId = pipelines.find((e) => e.node.name === '默认销售流程')!.node.stages[1]!.id;
    const moved = await call(rep, MOVE, { input: { id, stageId, amount: '120000.00', expectedCloseDate: '2027-01-31', decisionMaker: '采购部经理' } });
    expect(moved.errors).toBeUndefined();
    await system.settled();
    expect((await entryOf()).dropsAt).toBe(new Date(movedAt.getTime() + 3 * 86_400_000).toISOString());
    expect((await call(manager, SET_POLICY, { input: { orgUnitId: manager.orgUnitId, noFollowUpDays: 5 } })).errors).toBeUndefined();
  });
});

describe('follow-ups', () => {
  it('move the drop date on from a visit, not from a note, and the same event twice changes nothing', async () => {
    const id = await opportunity(rep, '上海黄浦贸易有限公司', '310101');
    const [entry] = await funnelRows<{ customer_id: string; drops_at: string }>('select customer_id, drops_at from pool_entry where record_id = ?', [id]);
    const due = new Date(entry!.drops_at);
    const logged = poolConsumer.handlers[Events.CustomerInteractionLogged] as (em: unknown, payload: object, envelope: object) => Promise<void>;
    const deliver = (kind: string, occurredAt: string) => {
      const payload = { interactionId: newId(), customerId: entry!.customer_id, kind, occurredAt, loggedById: rep.id };
      return system.running.funnel!.orm.em.fork().transactional((em) => logged(em, payload, { time: occurredAt }));
    };
    const dropsAt = async () => (await myPool(rep)).find((e) => e.recordId === id)!.dropsAt;
    const visitedAt = new Date(due.getTime() - 86_400_000).toISOString();
    await deliver('NOTE', visitedAt);
    expect(await dropsAt()).toBe(due.toISOString());
    await deliver('VISIT', visitedAt);
    await deliver('VISIT', visitedAt);
    // The unit's policy, set above: 5 days without a follow-up.
    expect(await dropsAt()).toBe(new Date(new Date(visitedAt).getTime() + 5 * 86_400_000).toISOString());
  });

  it('follow the survivor when the customer is merged: its visits move the clock', async () => {
    const id = await opportunity(rep, '上海静安贸易有限公司', '310106');
    const [entry] = await funnelRows<{ customer_id: string; drops_at: string }>('select customer_id, drops_at from pool_entry where record_id = ?', [id]);
    const survivorId = newId();
    const handle = <P extends object>(type: typeof Events.CustomerMerged | typeof Events.CustomerInteractionLogged, payload: P, time: string) =>
      system.running.funnel!.orm.em.fork().transactional((em) => (poolConsumer.handlers[type] as (em: unknown, payload: P, envelope: object) => Promise<void>)(em, payload, { time }));
    await handle(Events.CustomerMerged, { survivorId, mergedId: entry!.customer_id, mergedOwnerId: rep.id }, clock.now().toISOString());
    const visitedAt = new Date(new Date(entry!.drops_at).getTime() - 86_400_000).toISOString();
    await handle(Events.CustomerInteractionLogged, { interactionId: newId(), customerId: survivorId, kind: 'VISIT', occurredAt: visitedAt, loggedById: rep.id }, visitedAt);
    expect((await myPool(rep)).find((e) => e.recordId === id)!.dropsAt).toBe(new Date(new Date(visitedAt).getTime() + 5 * 86_400_000).toISOString());
  });
});

describe('the daily claim limit, and a manager reversing a claim', () => {
  let first: string;
  let second: string;

  beforeAll(async () => {
    clock.set('2026-12-15T02:00:00Z');
    expect((await call(manager, SET_CAPACITY, { userId: colleague.id, capacity: null })).errors).toBeUndefined();
    expect((await call(manager, SET_POLICY, { input: { orgUnitId: manager.orgUnitId, noFollowUpDays: 5, dailyClaimLimit: 1 } })).errors).toBeUndefined();
    [first, second] = [await opportunity(rep, '上海闵行机械有限公司', '310112'), await opportunity(rep, '上海浦东医疗器械有限公司', '310115')];
    for (const recordId of [first, second]) expect((await call(rep, RELEASE, { input: { recordType: 'OPPORTUNITY', recordId, reason: '精力有限，交给同事' } })).errors).toBeUndefined();
  });

  it('refuses a claim over the day’s limit, with the limit and the count', async () => {
    expect((await claim(colleague, first)).errors).toBeUndefined();
    const refused = await claim(colleague, second);
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(extensionsOf(refused)).toMatchObject({ reason: 'DAILY_CLAIM_LIMIT_REACHED', limit: 1, count: 1 });
    expect((await publicPool(colleague)).map((entry) => entry.recordId)).toContain(second);
  });

  it('lets a manager above the claimant reverse the claim: back to the public pool, the claimant protected', async () => {
    const scopeOf = (user: DemoUser) => createScope({ subgraph: 'funnel', em: system.running.funnel!.orm.em.fork(), actor: actorOf(user), clock });
    await expect(reverseClaim(scopeOf(rep), { recordType: 'OPPORTUNITY', recordId: first, reason: '疑似串通' })).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await reverseClaim(scopeOf(manager), { recordType: 'OPPORTUNITY', recordId: first, reason: '疑似串通' });
    expect((await publicPool(rep)).find((entry) => entry.recordId === first)).toMatchObject({ state: 'PUBLIC', dropReason: 'CLAIM_REVERSED', formerOwner: { id: colleague.id }, protectedUntil: '2026-12-22T02:00:00.000Z' });
    expect((await published(Events.PoolRecordClaimReversed)).filter((payload) => payload.recordId === first)).toEqual([
      { recordType: 'OPPORTUNITY', recordId: first, customerId: expect.any(String), ownerId: colleague.id, restoredOwnerId: null, reversedById: manager.id, reason: '疑似串通' },
    ]);
    clock.set('2026-12-16T02:00:00Z');
    expect(extensionsOf(await claim(colleague, first))).toMatchObject({ reason: 'FORMER_OWNER_PROTECTED', protectedUntil: '2026-12-22T02:00:00.000Z' });
  });
});

describe('the sweep with two replicas', () => {
  it('runs once per tick and drops each due record once', async () => {
    await sweepAt('2026-12-31T02:00:00Z');
    expect(await funnelRows("select count(*)::int as runs from job_record where kind = 'pool.sweep' and scheduled_for = ?", [new Date('2026-12-31T02:00:00Z')])).toEqual([{ runs: 1 }]);
    const dropped = (await published(Events.PoolRecordDropped)).filter((payload) => payload.droppedAt === '2026-12-31T02:00:00.000Z').map((payload) => payload.recordId);
    expect(dropped.length).toBeGreaterThan(1);
    expect(new Set(dropped).size).toBe(dropped.length);
    expect(await funnelRows("select count(*)::int as due from pool_entry where state = 'PRIVATE' and drops_at <= ?", [new Date('2026-12-31T02:00:00Z')])).toEqual([{ due: 0 }]);
  });
});

describe('customers nobody follows', () => {
  it('stay out of the pools until a unit enables them, then drop and are claimed like opportunities', async () => {
    clock.set('2027-01-01T02:00:00Z');
    const beijingColleague = person('rep2.north.beijing.team1');
    const customerId = newId();
    await funnelRows('insert into customer_owner (customer_id, owner_id) values (?, ?)', [customerId, outsider.id]);
    const entryOf = async () => (await funnelRows<{ state: string; owner_id: string | null }>('select state, owner_id from pool_entry where record_id = ?', [customerId]))[0];
    expect(await entryOf()).toBeUndefined();

    const enabled = await call(admin, SET_POLICY, { input: { orgUnitId: outsider.orgUnitId, customersEnabled: true } });
    expect(enabled.errors).toBeUndefined();
    expect((await myPool(outsider)).find((entry) => entry.recordId === customerId)).toMatchObject({ recordType: 'CUSTOMER', dropsAt: '2027-01-11T02:00:00.000Z', dropReason: 'NO_FOLLOW_UP' });

    await sweepAt('2027-01-11T02:05:00Z');
    expect(await entryOf()).toEqual({ state: 'PUBLIC', owner_id: null });
    const claimed = await call(beijingColleague, CLAIM, { input: { recordType: 'CUSTOMER', recordId: customerId } });
    expect(claimed.errors).toBeUndefined();
    expect((await published(Events.PoolRecordClaimed)).filter((payload) => payload.recordId === customerId)).toEqual([
      { recordType: 'CUSTOMER', recordId: customerId, customerId, ownerId: beijingColleague.id, formerOwnerId: outsider.id, droppedAt: '2027-01-11T02:05:00.000Z', claimedAt: '2027-01-11T02:05:00.000Z' },
    ]);
  });
});
