import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';

/**
 * FUN-2's pipelines: admins define ordered stages with win probabilities and required fields; bad
 * ones are refused with a stable reason and nothing written; an update reorders, adds and retires.
 */
const clock = new ManualClock('2026-12-01T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const admin = person('admin');
const rep = person('rep1.east.shanghai.team1');

let system: TestSubgraphs;
let url: string;

const STAGE_FIELDS = 'id name winProbability requiredFields retired';
const PIPELINE = `id name businessLine updatedAt stages { ${STAGE_FIELDS} } retiredStages { ${STAGE_FIELDS} }`;
const CREATE = `mutation ($input: CreatePipelineInput!) { createPipeline(input: $input) { ${PIPELINE} } }`;
const UPDATE = `mutation ($input: UpdatePipelineInput!) { updatePipeline(input: $input) { ${PIPELINE} } }`;
const LIST = `query { pipelines(first: 100) { edges { node { ${PIPELINE} } } } }`;

interface Stage {
  id: string;
  name: string;
  winProbability: number;
  requiredFields: string[];
  retired: boolean;
}
interface PipelineView {
  id: string;
  name: string;
  businessLine: string;
  updatedAt: string;
  stages: Stage[];
  retiredStages: Stage[];
}

const call = async <T>(user: DemoUser, query: string, variables: Record<string, unknown> = {}) => graphql<T>(url, query, { token: await system.tokenFor(actorOf(user)), variables });
const reasonOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.reason;
const pipelines = async () => (await call<{ pipelines: { edges: { node: PipelineView }[] } }>(admin, LIST)).data!.pipelines.edges.map((e) => e.node);

const meterStages = [
  { name: '初步沟通', winProbability: 10 },
  { name: '方案演示', winProbability: 30, requiredFields: ['DECISION_MAKER'] },
  { name: '商务谈判', winProbability: 60, requiredFields: ['AMOUNT', 'EXPECTED_CLOSE_DATE'] },
];

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, funnelSubgraph], { clock, seedDemoData: true });
  url = system.running.funnel!.url;
}, 180_000);

afterAll(async () => system?.stop());

it('has a default pipeline without any setup, which everyone signed in reads', async () => {
  const listed = await call<{ pipelines: { edges: { node: PipelineView }[] } }>(rep, LIST);
  expect(listed.errors).toBeUndefined();
  const [byDefault] = listed.data!.pipelines.edges.map((e) => e.node).filter((p) => p.name === '默认销售流程');
  expect(byDefault?.stages.map((s) => [s.name, s.winProbability])).toEqual([
    ['初步沟通', 10],
    ['确定意向', 40],
    ['商务洽谈', 70],
  ]);
});

describe('defining a pipeline', () => {
  let meter: PipelineView;

  beforeAll(async () => {
    const created = await call<{ createPipeline: PipelineView }>(admin, CREATE, { input: { name: '智能电表销售', businessLine: '智能电表', stages: meterStages } });
    expect(created.errors).toBeUndefined();
    meter = created.data!.createPipeline;
  });

  it('keeps the stages in order with their probabilities and required fields', () => {
    expect(meter.businessLine).toBe('智能电表');
    expect(meter.stages.map(({ name, winProbability, requiredFields, retired }) => ({ name, winProbability, requiredFields, retired }))).toEqual([
      { name: '初步沟通', winProbability: 10, requiredFields: [], retired: false },
      { name: '方案演示', winProbability: 30, requiredFields: ['DECISION_MAKER'], retired: false },
      { name: '商务谈判', winProbability: 60, requiredFields: ['AMOUNT', 'EXPECTED_CLOSE_DATE'], retired: false },
    ]);
  });

  it('is for admins only: a rep is refused and nothing is written', async () => {
    const before = (await pipelines()).length;
    const refused = await call(rep, CREATE, { input: { name: '冷链终端', businessLine: '冷链', stages: meterStages } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(await pipelines()).toHaveLength(before);
  });

  it.each([
    ['a probability over 100', [{ name: '初步沟通', winProbability: 120 }], 'STAGE_PROBABILITY_OUT_OF_RANGE', 'stages.0.winProbability'],
    ['a negative probability', [{ name: '初步沟通', winProbability: -1 }], 'STAGE_PROBABILITY_OUT_OF_RANGE', 'stages.0.winProbability'],
    ['a stage less likely than the one before', [{ name: '商务谈判', winProbability: 60 }, { name: '初步沟通', winProbability: 10 }], 'STAGES_OUT_OF_ORDER', 'stages.1.winProbability'],
    ['a name given twice', [{ name: '初步沟通', winProbability: 10 }, { name: '初步沟通', winProbability: 20 }], 'DUPLICATE_STAGE_NAME', 'stages.1.name'],
  ])('refuses %s with its reason and writes nothing', async (_what, stages, reason, field) => {
    const before = (await pipelines()).length;
    const refused = await call(admin, CREATE, { input: { name: '冷链终端', businessLine: '冷链', stages } });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(reasonOf(refused)).toBe(reason);
    expect(refused.errors?.[0]?.extensions?.field).toBe(field);
    expect(await pipelines()).toHaveLength(before);
  });

  it('reorders, renames, adds and retires stages; a retired stage is kept apart', async () => {
    const [contact, demoStage, negotiation] = meter.stages;
    clock.set('2026-12-02T03:00:00Z');
    const updated = await call<{ updatePipeline: PipelineView }>(admin, UPDATE, {
      input: {
        id: meter.id,
        stages: [
          { id: contact!.id, name: '初次接触', winProbability: 10 },
          { name: '样机试用', winProbability: 40, requiredFields: ['COMPETITOR'] },
          { id: negotiation!.id, name: '商务谈判', winProbability: 60, requiredFields: ['AMOUNT', 'EXPECTED_CLOSE_DATE', 'QUOTE_ID'] },
        ],
      },
    });
    expect(updated.errors).toBeUndefined();
    const pipeline = updated.data!.updatePipeline;
    expect(pipeline.updatedAt).toBe('2026-12-02T03:00:00.000Z');
    expect(pipeline.stages.map((s) => s.name)).toEqual(['初次接触', '样机试用', '商务谈判']);
    expect(pipeline.stages[0]!.id).toBe(contact!.id);
    expect(pipeline.stages[2]).toMatchObject({ id: negotiation!.id, requiredFields: ['AMOUNT', 'EXPECTED_CLOSE_DATE', 'QUOTE_ID'] });
    expect(pipeline.retiredStages).toEqual([{ ...demoStage!, retired: true }]);
    meter = pipeline;
  });

  it('refuses a stage that is not one of its active stages, and changes nothing', async () => {
    const retired = meter.retiredStages[0]!;
    for (const id of [retired.id, '0192f000-0000-7000-8000-0000000000ff']) {
      const refused = await call(admin, UPDATE, { input: { id: meter.id, stages: [{ id, name: '方案演示', winProbability: 30 }] } });
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(reasonOf(refused)).toBe('UNKNOWN_STAGE');
    }
    const [unchanged] = (await pipelines()).filter((p) => p.id === meter.id);
    expect(unchanged).toEqual(meter);
  });
});
