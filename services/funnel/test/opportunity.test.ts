import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';

/**
 * FUN-2's opportunities: a verified lead converts (any other is refused), stages are entered only
 * with their required fields (nothing written otherwise), every move is kept with who and when from
 * the injectable clock, won and lost settle it, and only its owner, their managers and admins see it.
 */
const clock = new ManualClock('2026-12-01T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const admin = person('admin');
const rep = person('rep1.east.shanghai.team1');
const teammate = person('rep2.east.shanghai.team1');
const manager = person('manager.east.shanghai');

let system: TestSubgraphs;
let url: string;

interface StageView {
  id: string;
  name: string;
  retired: boolean;
}
interface OpportunityView {
  id: string;
  status: string;
  amount: string | null;
  expectedCloseDate: string | null;
  decisionMaker: string | null;
  closeReason: string | null;
  customer: { id: string };
  owner: { id: string };
  stage: StageView;
  sourceLead: { id: string; status: string; customer: { id: string } | null } | null;
  stageHistory: { edges: { node: { fromStage: StageView | null; toStage: StageView; movedBy: { id: string }; movedAt: string } }[] };
}

const OPPORTUNITY = `id status amount expectedCloseDate decisionMaker closeReason customer { id } owner { id } stage { id name retired }
  sourceLead { id status customer { id } }
  stageHistory { edges { node { fromStage { id name retired } toStage { id name retired } movedBy { id } movedAt } } }`;
const CREATE_LEAD = 'mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }';
const VERIFY = 'mutation ($id: ID!) { verifyLead(id: $id) { id } }';
const CONVERT = `mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { ${OPPORTUNITY} } }`;
const MOVE = `mutation ($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { ${OPPORTUNITY} } }`;
const CLOSE = `mutation ($id: ID!, $outcome: OpportunityOutcome!, $reason: String!) { closeOpportunity(id: $id, outcome: $outcome, reason: $reason) { ${OPPORTUNITY} } }`;
const READ = `query ($id: ID!) { opportunity(id: $id) { ${OPPORTUNITY} } }`;
const LEAD = 'query ($id: ID!) { lead(id: $id) { status customer { id } opportunity { id } } }';
const LIST = 'query ($filter: OpportunityFilter) { opportunities(filter: $filter, first: 100) { edges { node { id } } } }';
const PIPELINES = 'query { pipelines(first: 100) { edges { node { id name stages { id name } } } } }';

const call = async <T>(user: DemoUser, query: string, variables: Record<string, unknown> = {}) => graphql<T>(url, query, { token: await system.tokenFor(actorOf(user)), variables });
const reasonOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.reason;
const read = async (user: DemoUser, id: string) => (await call<{ opportunity: OpportunityView | null }>(user, READ, { id })).data!.opportunity;
const listed = async (user: DemoUser, filter: Record<string, unknown> = {}) =>
  (await call<{ opportunities: { edges: { node: { id: string } }[] } }>(user, LIST, { filter })).data!.opportunities.edges.map((e) => e.node.id);

async function lead(owner: DemoUser, input: Record<string, unknown>, verified = true): Promise<string> {
  const created = await call<{ createLead: { id: string } }>(owner, CREATE_LEAD, { input: { title: '官网咨询：智能电表', source: 'WEB_INQUIRY', ...input } });
  expect(created.errors).toBeUndefined();
  const id = created.data!.createLead.id;
  if (verified) expect((await call(owner, VERIFY, { id })).errors).toBeUndefined();
  return id;
}

async function convert(user: DemoUser, input: Record<string, unknown>): Promise<OpportunityView> {
  const converted = await call<{ convertLead: OpportunityView }>(user, CONVERT, { input });
  expect(converted.errors).toBeUndefined();
  return converted.data!.convertLead;
}

let stages: Record<string, string>;

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, funnelSubgraph], { clock, seedDemoData: true });
  url = system.running.funnel!.url;
  const all = (await call<{ pipelines: { edges: { node: { name: string; stages: { id: string; name: string }[] } }[] } }>(admin, PIPELINES)).data!.pipelines.edges;
  stages = Object.fromEntries(all.find((e) => e.node.name === '默认销售流程')!.node.stages.map((s) => [s.name, s.id]));
}, 180_000);

afterAll(async () => system?.stop());

describe('converting a lead', () => {
  it('refuses one telesales have not verified, and writes nothing', async () => {
    const id = await lead(rep, { companyName: '上海徐汇精密仪器有限公司', divisionCode: '310104' }, false);
    const refused = await call(rep, CONVERT, { input: { leadId: id } });
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(reasonOf(refused)).toBe('LEAD_NOT_VERIFIED');
    expect((await call(rep, LEAD, { id })).data).toEqual({ lead: { status: 'NEW', customer: null, opportunity: null } });
  });

  it('refuses a new customer outside the owner\'s territory, synchronously, and writes nothing', async () => {
    const id = await lead(rep, { companyName: '北京朝阳仪表有限公司', divisionCode: '110105' });
    const refused = await call(rep, CONVERT, { input: { leadId: id } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(reasonOf(refused)).toBe('OUT_OF_TERRITORY');
    expect((await call(rep, LEAD, { id })).data).toEqual({ lead: { status: 'VERIFIED', customer: null, opportunity: null } });
  });

  it('makes a verified one an opportunity at the first stage, with a new customer id, and the lead CONVERTED', async () => {
    clock.set('2026-12-01T03:00:00Z');
    const id = await lead(rep, { companyName: '上海静安楼宇科技有限公司', divisionCode: '310106' });
    const opportunity = await convert(rep, { leadId: id, amount: '80000.00' });
    expect(opportunity).toMatchObject({ status: 'OPEN', amount: '80000.00', owner: { id: rep.id }, stage: { name: '初步沟通' }, sourceLead: { id, status: 'CONVERTED' } });
    expect(opportunity.sourceLead!.customer).toEqual(opportunity.customer);
    expect(opportunity.stageHistory.edges.map((e) => e.node)).toEqual([
      { fromStage: null, toStage: { id: stages['初步沟通'], name: '初步沟通', retired: false }, movedBy: { id: rep.id }, movedAt: '2026-12-01T03:00:00.000Z' },
    ]);
    expect((await call(rep, LEAD, { id })).data).toEqual({ lead: { status: 'CONVERTED', customer: opportunity.customer, opportunity: { id: opportunity.id } } });

    const again = await call(rep, CONVERT, { input: { leadId: id } });
    expect(reasonOf(again)).toBe('LEAD_NOT_VERIFIED');
  });
});

describe('moving through the stages', () => {
  let opportunity: OpportunityView;

  beforeAll(async () => {
    clock.set('2026-12-02T01:00:00Z');
    opportunity = await convert(rep, { leadId: await lead(rep, { companyName: '上海浦东冷链物流有限公司', divisionCode: '310115' }) });
  });

  it('refuses a stage whose required fields are missing, naming them, and writes nothing', async () => {
    clock.set('2026-12-02T02:00:00Z');
    const refused = await call(rep, MOVE, { input: { id: opportunity.id, stageId: stages['商务洽谈'], amount: '150000.00' } });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ reason: 'REQUIRED_FIELDS_MISSING', missingFields: ['EXPECTED_CLOSE_DATE', 'DECISION_MAKER'] });
    const unchanged = await read(rep, opportunity.id);
    expect(unchanged).toMatchObject({ amount: null, stage: { name: '初步沟通' } });
    expect(unchanged!.stageHistory.edges).toHaveLength(1);
  });

  it('refuses a stage of no pipeline of its own', async () => {
    const refused = await call(rep, MOVE, { input: { id: opportunity.id, stageId: '0192f000-0000-7000-8000-0000000000ff' } });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(reasonOf(refused)).toBe('UNKNOWN_STAGE');
  });

  it('keeps every move with who moved it and when, newest first', async () => {
    clock.set('2026-12-03T02:00:00Z');
    expect((await call(rep, MOVE, { input: { id: opportunity.id, stageId: stages['确定意向'], amount: '150000.00' } })).errors).toBeUndefined();
    clock.set('2026-12-05T06:30:00Z');
    const moved = await call<{ moveOpportunityStage: OpportunityView }>(manager, MOVE, {
      input: { id: opportunity.id, stageId: stages['商务洽谈'], expectedCloseDate: '2026-12-31', decisionMaker: '王总（采购总监）' },
    });
    expect(moved.errors).toBeUndefined();
    const after = moved.data!.moveOpportunityStage;
    expect(after).toMatchObject({ amount: '150000.00', expectedCloseDate: '2026-12-31', decisionMaker: '王总（采购总监）', stage: { name: '商务洽谈' } });
    expect(after.stageHistory.edges.map((e) => [e.node.fromStage?.name ?? null, e.node.toStage.name, e.node.movedBy.id, e.node.movedAt])).toEqual([
      ['确定意向', '商务洽谈', manager.id, '2026-12-05T06:30:00.000Z'],
      ['初步沟通', '确定意向', rep.id, '2026-12-03T02:00:00.000Z'],
      [null, '初步沟通', rep.id, '2026-12-02T01:00:00.000Z'],
    ]);
  });

  it('is settled WON with the reason, and then neither moves nor closes again', async () => {
    const won = await call<{ closeOpportunity: OpportunityView }>(rep, CLOSE, { id: opportunity.id, outcome: 'WON', reason: '签约并首付款到账' });
    expect(won.data?.closeOpportunity).toMatchObject({ status: 'WON', closeReason: '签约并首付款到账' });
    const moved = await call(rep, MOVE, { input: { id: opportunity.id, stageId: stages['确定意向'] } });
    expect(reasonOf(moved)).toBe('OPPORTUNITY_CLOSED');
    const closed = await call(rep, CLOSE, { id: opportunity.id, outcome: 'LOST', reason: '重复' });
    expect(reasonOf(closed)).toBe('OPPORTUNITY_CLOSED');
    expect(await listed(rep, { status: 'WON' })).toContain(opportunity.id);
  });

  it('is settled LOST with the reason', async () => {
    const other = await convert(rep, { leadId: await lead(rep, { companyName: '上海杨浦电子有限公司', divisionCode: '310110' }) });
    const lost = await call<{ closeOpportunity: OpportunityView }>(rep, CLOSE, { id: other.id, outcome: 'LOST', reason: '预算取消' });
    expect(lost.data?.closeOpportunity).toMatchObject({ status: 'LOST', closeReason: '预算取消' });
    expect(await listed(rep, { status: 'LOST' })).toEqual([other.id]);
  });
});

describe('who sees an opportunity', () => {
  let opportunity: OpportunityView;

  beforeAll(async () => {
    opportunity = await convert(rep, { leadId: await lead(rep, { companyName: '上海长宁医疗器械有限公司', divisionCode: '310105' }) });
  });

  it('is its owner, their manager and admins, not another rep', async () => {
    expect((await read(rep, opportunity.id))?.id).toBe(opportunity.id);
    expect((await read(manager, opportunity.id))?.id).toBe(opportunity.id);
    expect((await read(admin, opportunity.id))?.id).toBe(opportunity.id);
    expect(await read(teammate, opportunity.id)).toBeNull();
    expect(await listed(teammate)).not.toContain(opportunity.id);
    expect(await listed(manager)).toContain(opportunity.id);
  });

  it('refuses another rep a move as if it did not exist, and writes nothing', async () => {
    const refused = await call(teammate, MOVE, { input: { id: opportunity.id, stageId: stages['确定意向'], amount: '1.00' } });
    expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
    expect(await read(rep, opportunity.id)).toMatchObject({ amount: null, stage: { name: '初步沟通' } });
  });
});

it('leaves an opportunity in a stage that is retired, which no one can move into any more', async () => {
  const created = await call<{ createPipeline: { id: string; stages: { id: string }[] } }>(admin, 'mutation ($input: CreatePipelineInput!) { createPipeline(input: $input) { id stages { id } } }', {
    input: { name: '冷链终端', businessLine: '冷链', stages: [{ name: '需求调研', winProbability: 10 }, { name: '试点', winProbability: 50 }] },
  });
  const pipeline = created.data!.createPipeline;
  const opportunity = await convert(rep, { leadId: await lead(rep, { companyName: '上海闵行冷库有限公司', divisionCode: '310112' }), pipelineId: pipeline.id });
  const retired = await call(admin, 'mutation ($input: UpdatePipelineInput!) { updatePipeline(input: $input) { id } }', {
    input: { id: pipeline.id, stages: [{ id: pipeline.stages[1]!.id, name: '试点', winProbability: 50 }] },
  });
  expect(retired.errors).toBeUndefined();
  expect((await read(rep, opportunity.id))?.stage).toEqual({ id: pipeline.stages[0]!.id, name: '需求调研', retired: true });
  const back = await call(rep, MOVE, { input: { id: opportunity.id, stageId: pipeline.stages[1]!.id } });
  expect(back.errors).toBeUndefined();
  const refused = await call(rep, MOVE, { input: { id: opportunity.id, stageId: pipeline.stages[0]!.id } });
  expect(reasonOf(refused)).toBe('UNKNOWN_STAGE');
});
