import { customersSubgraph } from '@crm/customers';
import { demoData, type DemoUser } from '@crm/demo-data';
import { Events } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, newId, type Actor } from '@crm/platform';
import { errorCodes, eventually, graphql, startTestSubgraphs, type GraphQLResponse, type TestSubgraphs } from '@crm/testing';
import { analyticsSubgraph } from '../src';
import { dataQualityProjector } from '../src/modules/data-quality';

/**
 * CUS-7 for appraisal (ANA-7): customers' daily job publishes each rep's data quality once per
 * Shanghai day, when the clock passes 10:05 the next day; analytics projects it idempotently and
 * sums a rep's days within ORG-2's reach. Only identity's people are seeded: every figure is this file's.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const rep = person('rep1.east.shanghai.team1');
const colleague = person('rep2.east.shanghai.team1');
const manager = person('manager.east.shanghai');
const otherManager = person('manager.north.beijing');

let system: TestSubgraphs;

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph, analyticsSubgraph], { clock });
  await identitySubgraph.seedDemoData!(system.running.identity!.systemScope());
  await system.settled();
  // The tick missed before start (for the 23rd) runs on start; it must not see this file's data.
  await eventually(async () => expect(await customersRows("select state from job_record where kind = 'data_quality.publish_daily'")).toEqual([{ state: 'COMPLETED' }]), 30_000);
}, 180_000);

afterAll(async () => system?.stop());

async function customersWrite<T>(user: DemoUser, query: string, input: Record<string, unknown>): Promise<T> {
  const response = await graphql<T>(system.running.customers!.url, query, { token: await system.tokenFor(actorOf(user)), variables: { input } });
  expect(response.errors).toBeUndefined();
  return response.data!;
}

const KPI = `query ($userId: ID!, $from: String!, $to: String!) {
  repDataQualityKpi(userId: $userId, from: $from, to: $to) { from to days customerDays completeness interactions onTime timeliness }
}`;

async function kpi(user: DemoUser, userId: string, from: string, to: string): Promise<GraphQLResponse<{ repDataQualityKpi: Record<string, unknown> }>> {
  return graphql(system.running.analytics!.url, KPI, { token: await system.tokenFor(actorOf(user)), variables: { userId, from, to } });
}

const customersRows = async (sql: string, params: unknown[] = []) => (await system.running.customers!.orm.em.fork().getConnection().execute(sql, params)) as Record<string, unknown>[];
const analyticsRows = async (sql: string, params: unknown[] = []) => (await system.running.analytics!.orm.em.fork().getConnection().execute(sql, params)) as Record<string, unknown>[];

/** Moves the clock to a Shanghai 10:05 and lets every replica look for due ticks, twice over; waits for that tick's run. */
async function publishAt(tick: string): Promise<void> {
  clock.set(tick);
  const jobs = system.running.customers!.jobs;
  await Promise.all([jobs.enqueueDueTicks(), jobs.enqueueDueTicks()]);
  await eventually(async () => {
    expect(await customersRows("select state from job_record where kind = 'data_quality.publish_daily' and scheduled_for = ?", [new Date(tick)])).toEqual([{ state: 'COMPLETED' }]);
  }, 30_000);
  await system.settled();
}

const measuredEvents = () => customersRows("select envelope -> 'payload' as payload from outbox_message where envelope ->> 'type' = ? order by id", [Events.RepDataQualityMeasured]);

it("publishes each rep's day once, at 10:05 Shanghai time the next day, and analytics sums it for appraisal", async () => {
  const { createCustomer } = await customersWrite<{ createCustomer: { id: string } }>(rep, 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }', {
    name: '上海恒远贸易有限公司',
    kind: 'COMPANY',
    industry: '贸易',
  });
  await customersWrite(colleague, 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }', { name: '上海信达物流有限公司', kind: 'COMPANY' });
  const log = async (occurredAt: string, enteredAt: string) => {
    clock.set(enteredAt);
    await customersWrite(rep, 'mutation ($input: LogInteractionInput!) { logInteraction(input: $input) { id } }', { customerId: createCustomer.id, kind: 'VISIT', occurredAt, summary: '上门拜访' });
  };
  await log('2026-11-25T07:00:00Z', '2026-11-26T01:59:59Z'); // entered 09:59:59 the next day: on time
  await log('2026-11-25T08:00:00Z', '2026-11-26T02:00:00Z'); // 10:00:00: late
  await system.settled();

  await publishAt('2026-11-26T02:05:00Z');
  const published = (await measuredEvents()).map((row) => row.payload as { userId: string });
  expect(published.filter((payload) => payload.userId === rep.id)).toEqual([
    // name 5 + industry 10 of the default 100.
    { userId: rep.id, unitId: rep.orgUnitId, date: '2026-11-25', customers: 1, completenessSum: '15.0', interactions: 2, onTime: 1 },
  ]);
  expect(published.map((payload) => payload.userId).sort()).toEqual([rep.id, colleague.id].sort());

  // A later look at the same tick enqueues nothing more, and the day stays published once.
  await system.running.customers!.jobs.enqueueDueTicks();
  expect(await measuredEvents()).toHaveLength(2);

  const day = await kpi(rep, rep.id, '2026-11-25', '2026-11-25');
  expect(day.errors).toBeUndefined();
  expect(day.data!.repDataQualityKpi).toEqual({ from: '2026-11-25', to: '2026-11-25', days: 1, customerDays: 1, completeness: 15, interactions: 2, onTime: 1, timeliness: 50 });

  await publishAt('2026-11-27T02:05:00Z');
  const twoDays = await kpi(manager, rep.id, '2026-11-25', '2026-11-26');
  expect(twoDays.data!.repDataQualityKpi).toEqual({ from: '2026-11-25', to: '2026-11-26', days: 2, customerDays: 2, completeness: 15, interactions: 2, onTime: 1, timeliness: 50 });
  const colleagues = await kpi(manager, colleague.id, '2026-11-25', '2026-11-26');
  expect(colleagues.data!.repDataQualityKpi).toMatchObject({ days: 2, customerDays: 2, completeness: 5, interactions: 0, timeliness: null });
}, 120_000);

it('projects a redelivered measure as the same row', async () => {
  const payload = { userId: colleague.id, unitId: colleague.orgUnitId, date: '2026-11-20', customers: 3, completenessSum: '120.5', interactions: 4, onTime: 3 };
  const envelope = { id: newId(), type: Events.RepDataQualityMeasured, version: '1.0', source: 'customers', time: '2026-11-21T02:05:00.000Z', key: colleague.id, payload };
  const handler = dataQualityProjector.handlers[Events.RepDataQualityMeasured] as (em: unknown, p: typeof payload, e: typeof envelope) => Promise<void>;
  for (let delivery = 0; delivery < 2; delivery += 1) {
    await system.running.analytics!.orm.em.fork().transactional((em) => handler(em, payload, envelope));
  }
  expect(await analyticsRows("select customers, completeness_sum::text, interactions, on_time from rep_data_quality_day where user_id = ? and day = '2026-11-20'", [colleague.id])).toEqual([
    { customers: 3, completeness_sum: '120.5', interactions: 4, on_time: 3 },
  ]);
  const kpis = await kpi(colleague, colleague.id, '2026-11-20', '2026-11-20');
  expect(kpis.data!.repDataQualityKpi).toMatchObject({ days: 1, completeness: 40.2, timeliness: 75 });
});

it("refuses another rep's figures and those outside a manager's subtree, with stable codes", async () => {
  const other = await kpi(colleague, rep.id, '2026-11-25', '2026-11-25');
  expect(other.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DATA_QUALITY_OUT_OF_REACH', field: 'userId' });
  expect(errorCodes(await kpi(otherManager, rep.id, '2026-11-25', '2026-11-25'))).toEqual(['FORBIDDEN']);
  const nobody = await kpi(manager, newId(), '2026-11-25', '2026-11-25');
  expect(nobody.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'DATA_QUALITY_SUBJECT_NOT_FOUND' });
  const backwards = await kpi(rep, rep.id, '2026-11-26', '2026-11-25');
  expect(backwards.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  const tooLong = await kpi(rep, rep.id, '2025-01-01', '2026-11-25');
  expect(tooLong.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
});
