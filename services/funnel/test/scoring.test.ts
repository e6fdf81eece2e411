import { customersSubgraph } from '@crm/customers';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, eventually, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';

/**
 * FUN-3's scores: the default rules score a lead from its fields (fit) and from what happened lately
 * (intent), with the rules that contributed; interactions logged in customers and stage moves raise
 * intent; recency decays as the clock's days pass; a rule change rescores; lists sort by score; only
 * admins change rules, and a bad rule is refused with a stable reason and nothing written.
 */
const clock = new ManualClock('2026-12-10T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const admin = person('admin');
const rep = person('rep1.east.shanghai.team1');
const manager = person('manager.east.shanghai');

let system: TestSubgraphs;

interface Score {
  value: number;
  fit: number;
  intent: number;
  explanation: { label: string; factor: string; points: number }[];
  computedAt: string;
}
type Ranked = { id: string; score: { value: number } | null };
type Page = { edges: { cursor: string; node: Ranked }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

const SCORE = 'score { value fit intent explanation { label factor points } computedAt }';
const RULE_FIELDS = 'id dimension factor values minCount withinDays points label';
const CREATE_RULE = `mutation ($input: ScoringRuleInput!) { createScoringRule(input: $input) { ${RULE_FIELDS} } }`;
const RULES = `query { scoringRules(first: 100) { edges { node { ${RULE_FIELDS} } } } }`;

const call = async <T>(user: DemoUser, query: string, variables: Record<string, unknown> = {}, subgraph = 'funnel') =>
  graphql<T>(system.running[subgraph]!.url, query, { token: await system.tokenFor(actorOf(user)), variables });

async function ok<T>(user: DemoUser, query: string, variables: Record<string, unknown> = {}, subgraph = 'funnel'): Promise<T> {
  const response = await call<T>(user, query, variables, subgraph);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

async function createLead(input: Record<string, unknown>): Promise<string> {
  const data = await ok<{ createLead: { id: string } }>(rep, 'mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }', {
    input: { title: '官网咨询：智能电表', source: 'WEB_INQUIRY', ...input },
  });
  await system.settled();
  return data.createLead.id;
}

const leadScore = async (id: string) => (await ok<{ lead: { score: Score | null } }>(rep, `query ($id: ID!) { lead(id: $id) { ${SCORE} } }`, { id })).lead.score;
const opportunityScore = async (id: string) => (await ok<{ opportunity: { score: Score | null } }>(rep, `query ($id: ID!) { opportunity(id: $id) { ${SCORE} } }`, { id })).opportunity.score;
const labelsOf = (score: Score | null) => score!.explanation.map((c) => c.label);
const rules = async () => (await ok<{ scoringRules: { edges: { node: { id: string } }[] } }>(admin, RULES)).scoringRules.edges.map((e) => e.node);

/** Lets the funnel's replicas find the ticks due at the clock's now, and waits for the rescoring run. */
async function runDailyRescoring(tick: string): Promise<void> {
  await system.running.funnel!.jobs.enqueueDueTicks();
  await eventually(async () => {
    const runs = (await system.running
      .funnel!.orm.em.fork()
      .getConnection()
      .execute("select state from job_record where kind = 'scoring.rescore_all' and scheduled_for = ?", [new Date(tick)])) as { state: string }[];
    expect(runs).toEqual([{ state: 'COMPLETED' }]);
  }, 30_000);
}

const FIT_SOURCE = { label: '主动咨询或展会来源', factor: 'SOURCE', points: 20 };
const FIT_SIZE = { label: '中大型企业', factor: 'COMPANY_SIZE', points: 20 };
const WEEK_INQUIRY = { label: '7天内咨询', factor: 'INQUIRY_RECENCY', points: 15 };
const MONTH_INQUIRY = { label: '30天内咨询', factor: 'INQUIRY_RECENCY', points: 10 };

let strong: string;
let weak: string;
let customerLead: string;

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph, funnelSubgraph], { clock, seedDemoData: true });
  strong = await createLead({ companyName: '上海徐汇精密仪器有限公司', divisionCode: '310104', industry: '制造业', companySize: 'LARGE' });
  weak = await createLead({ source: 'PURCHASED_LIST', companyName: '上海闵行小五金商行', divisionCode: '310112', companySize: 'MICRO' });
}, 600_000);

afterAll(async () => system?.stop());

describe("a lead's score", () => {
  it('adds up the fit and recency rules it matches, and names each one', async () => {
    expect(await leadScore(strong)).toEqual({
      value: 65,
      fit: 40,
      intent: 25,
      explanation: [FIT_SOURCE, FIT_SIZE, WEEK_INQUIRY, MONTH_INQUIRY],
      computedAt: '2026-12-10T02:00:00.000Z',
    });
    expect(await leadScore(weak)).toMatchObject({ value: 25, fit: 0, intent: 25, explanation: [WEEK_INQUIRY, MONTH_INQUIRY] });
  });

  it("rises with the interactions logged with the lead's customer: a visit, then follow-ups", async () => {
    const { createCustomer } = await ok<{ createCustomer: { id: string } }>(
      rep,
      'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
      { input: { name: '上海长宁智能楼宇有限公司', kind: 'COMPANY', divisionCode: '310105' } },
      'customers',
    );
    await system.settled();
    customerLead = await createLead({ source: 'PURCHASED_LIST', customerId: createCustomer.id });
    expect(await leadScore(customerLead)).toMatchObject({ value: 25, intent: 25 });

    const log = async (kind: string) => {
      await ok(rep, 'mutation ($input: LogInteractionInput!) { logInteraction(input: $input) { id } }', { input: { customerId: createCustomer.id, kind, summary: '跟进' } }, 'customers');
      await system.settled();
    };
    await log('VISIT');
    expect(await leadScore(customerLead)).toMatchObject({ value: 45, intent: 45, explanation: [WEEK_INQUIRY, MONTH_INQUIRY, { label: '30天内上门拜访', factor: 'VISITS', points: 20 }] });
    await log('CALL');
    expect((await leadScore(customerLead))!.value).toBe(45);
    await log('WECHAT');
    expect(await leadScore(customerLead)).toMatchObject({ value: 60, intent: 60 });
    expect(labelsOf(await leadScore(customerLead))).toContain('两周内跟进2次以上');
  });
});

describe('scoring rules', () => {
  it('rescores every lead when an admin adds, changes or removes a rule', async () => {
    const input = { factor: 'INDUSTRY', values: ['制造业', '制造业'], points: 25, label: '制造业客户' };
    const { createScoringRule: rule } = await ok<{ createScoringRule: Record<string, unknown> }>(admin, CREATE_RULE, { input });
    expect(rule).toMatchObject({ dimension: 'FIT', factor: 'INDUSTRY', values: ['制造业'], minCount: null, withinDays: null, points: 25 });
    await eventually(async () => expect(await leadScore(strong)).toMatchObject({ value: 90, fit: 65, explanation: [FIT_SOURCE, FIT_SIZE, WEEK_INQUIRY, MONTH_INQUIRY, { label: '制造业客户', factor: 'INDUSTRY', points: 25 }] }));
    expect((await leadScore(weak))!.value).toBe(25);

    await ok(admin, `mutation ($id: ID!, $input: ScoringRuleInput!) { updateScoringRule(id: $id, input: $input) { id } }`, { id: rule.id, input: { ...input, points: -30 } });
    await eventually(async () => expect(await leadScore(strong)).toMatchObject({ value: 35, fit: 10 }));

    await ok(admin, 'mutation ($id: ID!) { deleteScoringRule(id: $id) }', { id: rule.id });
    await eventually(async () => expect(await leadScore(strong)).toMatchObject({ value: 65, fit: 40 }));
  }, 60_000);

  it.each([
    ['a fit factor given a count', { factor: 'SOURCE', values: ['EVENT'], minCount: 2, points: 10 }, 'CONDITION_MISMATCH', 'minCount'],
    ['an intent factor given values', { factor: 'VISITS', values: ['VISIT'], minCount: 1, withinDays: 7, points: 10 }, 'CONDITION_MISMATCH', 'values'],
    ['recency without its window', { factor: 'INQUIRY_RECENCY', points: 10 }, 'CONDITION_MISMATCH', 'withinDays'],
    ['a company size there is not', { factor: 'COMPANY_SIZE', values: ['HUGE'], points: 10 }, 'UNKNOWN_VALUE', 'values'],
    ['a region that is no division prefix', { factor: 'REGION', values: ['上海'], points: 10 }, 'UNKNOWN_VALUE', 'values'],
    ['a window of no days', { factor: 'INQUIRY_RECENCY', withinDays: 0, points: 10 }, 'CONDITION_OUT_OF_RANGE', 'withinDays'],
    ['points beyond 100', { factor: 'REGION', values: ['31'], points: 150 }, 'POINTS_OUT_OF_RANGE', 'points'],
    ['no points', { factor: 'REGION', values: ['31'], points: 0 }, 'POINTS_OUT_OF_RANGE', 'points'],
  ])('refuses %s with BAD_USER_INPUT and a stable reason, and writes nothing', async (_case, input, reason, field) => {
    const before = await rules();
    const refused = await call(admin, CREATE_RULE, { input: { label: '无效规则', ...input } });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ reason, field });
    expect(await rules()).toEqual(before);
  });

  it('lets no one but an admin change them', async () => {
    const before = await rules();
    const input = { factor: 'REGION', values: ['31'], points: 10, label: '上海' };
    expect(errorCodes(await call(rep, CREATE_RULE, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await call(manager, 'mutation ($id: ID!, $input: ScoringRuleInput!) { updateScoringRule(id: $id, input: $input) { id } }', { id: before[0]!.id, input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await call(rep, 'mutation ($id: ID!) { deleteScoringRule(id: $id) }', { id: before[0]!.id }))).toEqual(['FORBIDDEN']);
    expect(await rules()).toEqual(before);
  });
});

describe('lists by score', () => {
  const LEADS = 'query ($after: String, $first: Int) { leads(orderBy: SCORE, first: $first, after: $after) { edges { cursor node { id score { value } } } pageInfo { hasNextPage endCursor } } }';

  async function allPages(first: number): Promise<Ranked[]> {
    const nodes: Ranked[] = [];
    let after: string | null = null;
    for (;;) {
      const { leads }: { leads: Page } = await ok<{ leads: Page }>(rep, LEADS, { first, after });
      nodes.push(...leads.edges.map((e) => e.node));
      if (!leads.pageInfo.hasNextPage) return nodes;
      after = leads.pageInfo.endCursor;
    }
  }

  it('lists leads highest score first, ties newest first, unscored last, page after page', async () => {
    const unscored = await createLead({ source: 'EVENT', companyName: '上海嘉定汽车配件有限公司' });
    await system.running.funnel!.orm.em.fork().getConnection().execute("delete from record_score where record_type = 'LEAD' and record_id = ?", [unscored]);

    const { leads: onePage } = await ok<{ leads: Page }>(rep, LEADS, { first: 100 });
    expect(onePage.pageInfo.hasNextPage).toBe(false);
    const listed = onePage.edges.map((e) => e.node);
    expect(await allPages(3)).toEqual(listed);

    const rankOf = (lead: Ranked) => [lead.score === null ? 0 : 1, lead.score?.value ?? 0, lead.id] as const;
    listed.slice(1).forEach((lead, i) => {
      const [scored, value, id] = rankOf(lead);
      const [scoredBefore, valueBefore, idBefore] = rankOf(listed[i]!);
      expect(scored < scoredBefore || (scored === scoredBefore && (value < valueBefore || (value === valueBefore && id < idBefore)))).toBe(true);
    });
    const position = (id: string) => listed.findIndex((lead) => lead.id === id);
    expect(position(strong)).toBeLessThan(position(customerLead));
    expect(position(customerLead)).toBeLessThan(position(weak));
    expect(listed.at(-1)).toEqual({ id: unscored, score: null });
  });

  it('lists opportunities highest score first, a stage move raising one', async () => {
    const PIPELINES = 'query { pipelines(first: 100) { edges { node { name stages { id name } } } } }';
    const convert = async (leadId: string) => {
      await ok(rep, 'mutation ($id: ID!) { verifyLead(id: $id) { id } }', { id: leadId });
      const { convertLead } = await ok<{ convertLead: { id: string } }>(rep, 'mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { id } }', { input: { leadId } });
      await system.settled();
      return convertLead.id;
    };
    const low = await convert(weak);
    const high = await convert(strong);
    expect(await opportunityScore(high)).toMatchObject({ value: 65, fit: 40, explanation: [FIT_SOURCE, FIT_SIZE, WEEK_INQUIRY, MONTH_INQUIRY] });
    expect(await opportunityScore(low)).toMatchObject({ value: 25, fit: 0 });

    const pipelines = (await ok<{ pipelines: { edges: { node: { name: string; stages: { id: string; name: string }[] } }[] } }>(admin, PIPELINES)).pipelines.edges;
    const stage = pipelines.find((e) => e.node.name === '默认销售流程')!.node.stages.find((s) => s.name === '确定意向')!;
    await ok(rep, 'mutation ($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }', { input: { id: low, stageId: stage.id, amount: '50000.00' } });
    await system.settled();
    expect(await opportunityScore(low)).toMatchObject({ value: 40, intent: 40 });
    expect(labelsOf(await opportunityScore(low))).toContain('30天内推进阶段');

    const { opportunities } = await ok<{ opportunities: Page }>(rep, 'query { opportunities(orderBy: SCORE, first: 100) { edges { cursor node { id score { value } } } pageInfo { hasNextPage endCursor } } }');
    const ids = opportunities.edges.map((e) => e.node.id);
    expect(ids.indexOf(high)).toBeLessThan(ids.indexOf(low));
    const values = opportunities.edges.map((e) => e.node.score?.value ?? -1);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });
});

describe('as days pass', () => {
  it('lets recency decay: the nightly rescoring drops the windows an inquiry and a visit have left', async () => {
    // 00:10 Shanghai time eight days on: past the 00:05 run, the inquiry no longer within 7 days.
    clock.set('2026-12-17T16:10:00Z');
    await runDailyRescoring('2026-12-17T16:05:00Z');
    expect(await leadScore(customerLead)).toMatchObject({ value: 45, intent: 45, computedAt: '2026-12-17T16:10:00.000Z' });
    expect(labelsOf(await leadScore(customerLead))).toEqual(['30天内咨询', '两周内跟进2次以上', '30天内上门拜访']);

    clock.set('2027-01-10T16:10:00Z');
    await runDailyRescoring('2027-01-10T16:05:00Z');
    expect(await leadScore(customerLead)).toMatchObject({ value: 0, fit: 0, intent: 0, explanation: [], computedAt: '2027-01-10T16:10:00.000Z' });
  }, 90_000);
});
