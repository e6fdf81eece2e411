import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, eventually, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';

/**
 * FUN-6: verified leads to reps by round robin (the turn carried over), at random, by hand, by
 * admins' rules, an even split and reps' proven strengths (the reason kept on the lead); reps away
 * (ORG-5's leave) or at pool capacity (FUN-4) skipped; a big list as a job with progress. The clock
 * is moved, never waited on.
 */
const clock = new ManualClock('2026-12-07T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const unitAt = (path: string) => demo.orgUnits.find((u) => u.path === path)!;
/** A team unit's reps (its lead is one too), in the order assignment goes round them. */
const repsOf = (path: string) => demo.users.filter((u) => u.orgPath === path && u.roles.includes('REP')).map((u) => u.id).sort();

const manager = person('manager.east.shanghai');
const admin = person('admin');
const rep1 = person('rep1.east.shanghai.team1');
const rep2 = person('rep2.east.shanghai.team1');
const team1 = unitAt('hq.east.shanghai.team1');
const team1Reps = repsOf(team1.path);
const team2 = unitAt('hq.east.shanghai.team2');
const strong = person('rep1.east.shanghai.team2');
const versatile = person('rep2.east.shanghai.team2');
const northTeam = unitAt('hq.north.beijing.team1');

let system: TestSubgraphs;
let funnel: string;
const call = async <T = Record<string, unknown>>(user: DemoUser, query: string, variables: Record<string, unknown>, url = funnel) =>
  graphql<T>(url, query, { token: await system.tokenFor(actorOf(user)), variables });
const sql = async <T>(text: string, params: unknown[] = []) => (await system.running.funnel!.orm.em.fork().getConnection().execute(text, params)) as T[];

const CREATE = 'mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }';
const VERIFY = 'mutation ($id: ID!) { verifyLead(id: $id) { id } }';
const CONVERT = 'mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { id } }';
const ASSIGNMENT = 'assignment { strategy reason assignedBy { id } assignedAt }';
const ASSIGN = `mutation ($input: AssignLeadsInput!) { assignLeads(input: $input) { leads { id owner { id } ${ASSIGNMENT} } run { id state total job { id } } } }`;
const LEAD = `query ($id: ID!) { lead(id: $id) { owner { id } ${ASSIGNMENT} } }`;
const TRAIL = 'query ($id: ID!) { leadAuditTrail(id: $id) { edges { node { action actor { id } after reason } } } }';
const CREATE_RULE = 'mutation ($input: CreateAssignmentRuleInput!) { createAssignmentRule(input: $input) { id priority } }';
const LEAVE = 'mutation ($input: RecordLeaveInput!) { recordLeave(input: $input) { id } }';
const CAPACITY = 'mutation ($userId: ID!, $capacity: Int) { setRepPoolCapacity(userId: $userId, capacity: $capacity) { capacity held } }';
const JOB = 'query ($id: ID!) { funnelJob(id: $id) { state progress total error } }';
const RUN = 'query ($id: ID!) { leadAssignmentRun(id: $id) { state total assigned finishedAt } }';

interface Assigned {
  id: string;
  owner: { id: string };
  assignment: { strategy: string; reason: string; assignedBy: { id: string }; assignedAt: string };
}
type AssignResult = { assignLeads: { leads: Assigned[]; run: { id: string; state: string; total: number; job: { id: string } } | null } };

let leadNumber = 0;
/** Verified leads of the manager's own, ready to assign. */
async function verifiedLeads(count: number, fields: Record<string, unknown> = {}, ownerId?: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    leadNumber += 1;
    const created = await call<{ createLead: { id: string } }>(manager, CREATE, {
      input: { title: `线索 ${leadNumber}`, companyName: `测试${leadNumber}号有限公司`, source: 'WEB_INQUIRY', ownerId, ...fields },
    });
    expect(created.errors).toBeUndefined();
    expect((await call(manager, VERIFY, { id: created.data!.createLead.id })).errors).toBeUndefined();
    ids.push(created.data!.createLead.id);
  }
  return ids;
}

async function assign(user: DemoUser, input: Record<string, unknown>) {
  return call<AssignResult>(user, ASSIGN, { input });
}

async function assignOk(input: Record<string, unknown>): Promise<Assigned[]> {
  const result = await assign(manager, input);
  expect(result.errors).toBeUndefined();
  return result.data!.assignLeads.leads;
}

const countsBy = (owners: string[]) => owners.reduce((counts, id) => counts.set(id, (counts.get(id) ?? 0) + 1), new Map<string, number>());
const toTeam1 = { orgUnitId: team1.id };

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, funnelSubgraph], { clock, seedDemoData: true });
  funnel = system.running.funnel!.url;
}, 180_000);

afterAll(async () => system?.stop());

describe('strategies', () => {
  beforeAll(() => clock.set('2026-12-07T03:00:00Z'));

  it('ROUND_ROBIN goes round the team, and the next call carries on where the last stopped', async () => {
    const first = await assignOk({ leadIds: await verifiedLeads(3), strategy: 'ROUND_ROBIN', team: toTeam1 });
    const second = await assignOk({ leadIds: await verifiedLeads(3), strategy: 'ROUND_ROBIN', team: toTeam1 });
    const [a, b, c, d] = team1Reps;
    expect(first.map((l) => l.owner.id)).toEqual([a, b, c]);
    expect(second.map((l) => l.owner.id)).toEqual([d, a, b]);
    expect(second[0]!.assignment).toEqual({ strategy: 'ROUND_ROBIN', reason: 'next in turn among 4 available reps', assignedBy: { id: manager.id }, assignedAt: '2026-12-07T03:00:00.000Z' });
  });

  it('EVEN_SPLIT deals a list across the team: counts differ by at most one', async () => {
    const leads = await assignOk({ leadIds: await verifiedLeads(10), strategy: 'EVEN_SPLIT', team: toTeam1 });
    const counts = countsBy(leads.map((l) => l.owner.id));
    expect([...counts.keys()].sort()).toEqual(team1Reps);
    expect([...counts.values()].sort()).toEqual([2, 2, 3, 3]);
  });

  it('RANDOM draws each lead’s rep from the team', async () => {
    const leads = await assignOk({ leadIds: await verifiedLeads(24), strategy: 'RANDOM', team: toTeam1 });
    const owners = new Set(leads.map((l) => l.owner.id));
    expect([...owners].every((id) => team1Reps.includes(id))).toBe(true);
    // All 24 to one of 4 reps by chance: 4 in 4^24.
    expect(owners.size).toBeGreaterThan(1);
    expect(leads[0]!.assignment.reason).toBe('drawn at random among 4 available reps');
  });

  it('MANUAL hands leads to one rep, as an audited reassignment whose reason names the strategy', async () => {
    const [id] = await verifiedLeads(1);
    const [lead] = await assignOk({ leadIds: [id], strategy: 'MANUAL', toOwnerId: rep1.id });
    expect(lead!.owner.id).toBe(rep1.id);
    const trail = await call<{ leadAuditTrail: { edges: { node: Record<string, unknown> }[] } }>(manager, TRAIL, { id });
    expect(trail.data!.leadAuditTrail.edges.map((e) => e.node)).toContainEqual({
      action: 'lead.reassigned',
      actor: { id: manager.id },
      after: { ownerId: rep1.id },
      reason: 'MANUAL: chosen by hand',
    });
  });
});

describe('RULES', () => {
  beforeAll(async () => {
    clock.set('2026-12-07T04:00:00Z');
    for (const input of [
      { priority: 10, industry: '医疗', toOwnerId: rep2.id },
      { priority: 20, source: 'EVENT', toOrgUnitId: team1.id },
    ]) {
      expect((await call(admin, CREATE_RULE, { input })).errors).toBeUndefined();
    }
  });

  it('are an admin’s, and a bad one is refused with its field', async () => {
    expect(errorCodes(await call(manager, CREATE_RULE, { input: { priority: 30, industry: '零售', toOwnerId: rep1.id } }))).toEqual(['FORBIDDEN']);
    const noCondition = await call(admin, CREATE_RULE, { input: { priority: 30, toOwnerId: rep1.id } });
    expect(noCondition.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'divisionCode' });
    const twoTargets = await call(admin, CREATE_RULE, { input: { priority: 30, industry: '零售', toOwnerId: rep1.id, toOrgUnitId: team1.id } });
    expect(twoTargets.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toOwnerId' });
    const badDivision = await call(admin, CREATE_RULE, { input: { priority: 30, divisionCode: '999999', toOwnerId: rep1.id } });
    expect(badDivision.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'divisionCode' });
    const taken = await call(admin, CREATE_RULE, { input: { priority: 10, industry: '零售', toOwnerId: rep1.id } });
    expect(taken.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ASSIGNMENT_RULE_PRIORITY_TAKEN' });
  });

  it('send each lead to the first rule it matches by priority; a lead no rule matches refuses the call, moving nothing', async () => {
    const [medical] = await verifiedLeads(1, { industry: '医疗', source: 'EVENT' });
    const [event] = await verifiedLeads(1, { industry: '教育', source: 'EVENT' });
    const [unmatched] = await verifiedLeads(1, { industry: '零售' });
    const refused = await assign(manager, { leadIds: [medical, event, unmatched], strategy: 'RULES' });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NO_RULE_MATCHES', leadIds: [unmatched] });
    expect(await sql('select 1 from lead where id in (?, ?) and owner_id <> ?', [medical, event, manager.id])).toEqual([]);

    const [toRep2, toTeam] = await assignOk({ leadIds: [medical, event], strategy: 'RULES' });
    expect(toRep2!.owner.id).toBe(rep2.id);
    expect(toRep2!.assignment.reason).toBe('rule 10: industry 医疗');
    expect(team1Reps).toContain(toTeam!.owner.id);
    expect(toTeam!.assignment.reason).toBe('rule 20: source EVENT');
  });
});

describe('capacity-aware', () => {
  it('skips a rep on leave, and says everyone is away when all are', async () => {
    clock.set('2026-12-08T02:00:00Z');
    const identity = system.running.identity!.url;
    expect((await call(manager, LEAVE, { input: { userId: rep1.id, from: '2026-12-09T00:00:00Z', to: '2026-12-12T00:00:00Z' } }, identity)).errors).toBeUndefined();
    for (const userId of team1Reps) {
      expect((await call(manager, LEAVE, { input: { userId, from: '2026-12-20T00:00:00Z', to: '2026-12-21T00:00:00Z' } }, identity)).errors).toBeUndefined();
    }
    await system.settled();

    clock.set('2026-12-10T02:00:00Z');
    const leads = await assignOk({ leadIds: await verifiedLeads(6), strategy: 'EVEN_SPLIT', team: toTeam1 });
    expect(leads.map((l) => l.owner.id)).not.toContain(rep1.id);
    expect([...countsBy(leads.map((l) => l.owner.id)).values()]).toEqual([2, 2, 2]);
    expect(leads[0]!.assignment.reason).toBe('even split across 3 available reps');

    clock.set('2026-12-20T10:00:00Z');
    const refused = await assign(manager, { leadIds: await verifiedLeads(1), strategy: 'ROUND_ROBIN', team: toTeam1 });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NO_ELIGIBLE_REP', atCapacityUserIds: [] });
    expect(refused.errors![0]!.message).toContain('everyone is away');
  });

  it('skips a rep whose private pool is full, and says all are at capacity when all are', async () => {
    clock.set('2026-12-22T02:00:00Z');
    const setCapacity = async (userId: string, capacity: number | null) => expect((await call(manager, CAPACITY, { userId, capacity })).errors).toBeUndefined();
    await setCapacity(rep2.id, 0);
    const leads = await assignOk({ leadIds: await verifiedLeads(6), strategy: 'EVEN_SPLIT', team: toTeam1 });
    expect(leads.map((l) => l.owner.id)).not.toContain(rep2.id);

    for (const userId of team1Reps) await setCapacity(userId, 0);
    const refused = await assign(manager, { leadIds: await verifiedLeads(1), strategy: 'RANDOM', team: toTeam1 });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NO_ELIGIBLE_REP', awayUserIds: [] });
    expect(refused.errors![0]!.message).toContain('at capacity');
    for (const userId of team1Reps) await setCapacity(userId, null);
  });
});

describe('STRENGTHS', () => {
  /** `converted` of `count` leads of the industry given to the rep, each converted by the manager. */
  async function history(rep: DemoUser, industry: string, count: number, converted: number): Promise<void> {
    const ids = await verifiedLeads(count, { industry, source: 'BUSINESS_CARD' }, rep.id);
    for (const leadId of ids.slice(0, converted)) expect((await call(manager, CONVERT, { input: { leadId } })).errors).toBeUndefined();
  }

  beforeAll(async () => {
    clock.set('2026-12-23T02:00:00Z');
    await history(strong, '制造业', 5, 4);
    await history(versatile, '制造业', 5, 1);
    await history(versatile, '教育', 5, 3);
  });

  it('gives each lead to the rep converting best in its segment, the reason readable on the lead', async () => {
    const [manufacturing, education, retail] = [...(await verifiedLeads(1, { industry: '制造业', source: 'EVENT' })), ...(await verifiedLeads(1, { industry: '教育', source: 'EVENT' })), ...(await verifiedLeads(1, { industry: '零售', source: 'EVENT' }))];
    expect((await assign(manager, { leadIds: [manufacturing, education, retail], strategy: 'STRENGTHS', team: { orgUnitId: team2.id } })).errors).toBeUndefined();

    const read = async (id: string) => (await call<{ lead: Assigned }>(manager, LEAD, { id })).data!.lead;
    expect(await read(manufacturing!)).toMatchObject({ owner: { id: strong.id }, assignment: { strategy: 'STRENGTHS', reason: 'conversion 80 % on 5 制造业 leads' } });
    expect(await read(education!)).toMatchObject({ owner: { id: versatile.id }, assignment: { reason: 'conversion 60 % on 5 教育 leads' } });
    const fallback = await read(retail!);
    expect(repsOf(team2.path)).toContain(fallback.owner.id);
    expect(fallback.assignment.reason).toBe('no rep has 5 past leads in its segments yet; even split across 4 available reps');
  });
});

describe('a bulk assignment', () => {
  const ROWS = 1_200;
  let leadIds: string[];

  beforeAll(async () => {
    clock.set('2026-12-24T02:00:00Z');
    const file = Buffer.from(['公司名称,手机', ...Array.from({ length: ROWS }, (_, i) => `批量${i}号有限公司,1390000${String(i).padStart(4, '0')}`)].join('\r\n'), 'utf8');
    const begun = await call<{ beginLeadImportUpload: { id: string } }>(manager, 'mutation ($input: BeginUploadInput!) { beginLeadImportUpload(input: $input) { id } }', { input: { fileName: 'bulk.csv', byteSize: file.length } });
    const uploadId = begun.data!.beginLeadImportUpload.id;
    expect((await call(manager, 'mutation ($input: AppendUploadChunkInput!) { appendLeadImportChunk(input: $input) { complete } }', { input: { uploadId, sequence: 0, data: file.toString('base64') } })).errors).toBeUndefined();
    const mapping = [{ column: '公司名称', field: 'companyName' }, { column: '手机', field: 'mobile' }];
    const imported = await call<{ importLeads: { job: { id: string } } }>(manager, 'mutation ($input: ImportLeadsInput!) { importLeads(input: $input) { job { id } } }', { input: { uploadId, mapping, source: 'PURCHASED_LIST', verify: true } });
    expect(imported.errors).toBeUndefined();
    await finished(imported.data!.importLeads.job.id);
    leadIds = (await sql<{ id: string }>(`select id from lead where mobile like '1390000%' and status = 'VERIFIED' order by id`)).map((row) => row.id);
    expect(leadIds).toHaveLength(ROWS);
  }, 120_000);

  async function finished(jobId: string) {
    const job = await eventually(async () => {
      const read = await call<{ funnelJob: { state: string; progress: number; total: number; error: string | null } }>(manager, JOB, { id: jobId });
      expect(read.data!.funnelJob.state).toMatch(/COMPLETED|FAILED/);
      return read.data!.funnelJob;
    }, 60_000, 200);
    expect(job).toMatchObject({ state: 'COMPLETED', error: null });
    return job;
  }

  it('runs as a job with progress, every lead assigned, split evenly', async () => {
    const started = await assign(manager, { leadIds, strategy: 'EVEN_SPLIT', team: toTeam1 });
    expect(started.errors).toBeUndefined();
    const { leads, run } = started.data!.assignLeads;
    expect(leads).toEqual([]);
    expect(run).toMatchObject({ state: 'PENDING', total: ROWS });
    expect(await finished(run!.job.id)).toMatchObject({ progress: ROWS, total: ROWS });
    expect((await call<{ leadAssignmentRun: Record<string, unknown> }>(manager, RUN, { id: run!.id })).data!.leadAssignmentRun).toMatchObject({ state: 'COMPLETED', total: ROWS, assigned: ROWS });

    const owners = await sql<{ owner_id: string; n: number }>(
      `select l.owner_id, count(*)::int as n from lead l join lead_assignment a on a.lead_id = l.id and a.strategy = 'EVEN_SPLIT' where l.id in (?) group by l.owner_id order by l.owner_id`,
      [leadIds],
    );
    expect(owners).toEqual(team1Reps.map((owner_id) => ({ owner_id, n: ROWS / team1Reps.length })));
  });
});

describe('who may assign, and what', () => {
  beforeAll(() => clock.set('2026-12-25T02:00:00Z'));

  it('is not a rep’s: FORBIDDEN', async () => {
    const leadIds = await verifiedLeads(1, {}, rep1.id);
    expect(errorCodes(await assign(rep1, { leadIds, strategy: 'MANUAL', toOwnerId: rep2.id }))).toEqual(['FORBIDDEN']);
  });

  it('reaches only teams in the manager’s part of the organisation', async () => {
    const refused = await assign(manager, { leadIds: await verifiedLeads(1), strategy: 'ROUND_ROBIN', team: { orgUnitId: northTeam.id } });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ORG_UNIT_OUT_OF_REACH' });
  });

  it('takes only verified leads: an unverified one refuses the call with LEAD_NOT_VERIFIED', async () => {
    const [verified] = await verifiedLeads(1);
    const unverified = (await call<{ createLead: { id: string } }>(manager, CREATE, { input: { title: '未核实', source: 'EVENT', companyName: '未核实有限公司' } })).data!.createLead.id;
    const refused = await assign(manager, { leadIds: [verified, unverified], strategy: 'EVEN_SPLIT', team: toTeam1 });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LEAD_NOT_VERIFIED', leadIds: [unverified] });
    expect(await sql('select 1 from lead where id = ? and owner_id <> ?', [verified, manager.id])).toEqual([]);
  });

  it.each([
    ['MANUAL without a rep', { strategy: 'MANUAL' }, 'toOwnerId'],
    ['a team strategy without a team', { strategy: 'ROUND_ROBIN' }, 'team'],
    ['a team named twice', { strategy: 'EVEN_SPLIT', team: { orgUnitId: team1.id, salesTeamId: demo.salesTeams[0]!.id } }, 'team'],
    ['RULES with a rep', { strategy: 'RULES', toOwnerId: rep1.id }, 'toOwnerId'],
    ['a malformed lead id', { strategy: 'MANUAL', toOwnerId: rep1.id, leadIds: ['nope'] }, 'leadIds.0'],
  ])('refuses %s: BAD_USER_INPUT naming the field', async (_what, input, field) => {
    const refused = await assign(manager, { leadIds: ['0199a000-0000-7000-8000-00000000beef'], ...input });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses more than 10,000 leads at once', async () => {
    const leadIds = Array.from({ length: 10_001 }, (_, i) => `0199a000-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const refused = await assign(manager, { leadIds, strategy: 'EVEN_SPLIT', team: toTeam1 });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'leadIds' });
  });
});
