import { demoData, type DemoUser } from '@crm/demo-data';
import { Events, type EventPayload } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, newId, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type GraphQLResponse, type TestSubgraphs } from '@crm/testing';
import { analyticsSubgraph } from '../src';
import { newCustomerCreditProjector } from '../src/modules/new-customer-credit';

/**
 * FUN-9 for appraisal (ANA-7): funnel publishes each new customer's review state; analytics keeps
 * the latest per customer (a redelivery or a late, older change alters nothing) and counts a rep's
 * new customers by the Shanghai day of their conversion — credited only when CLEARED or APPROVED.
 * The events are fed through the projector as the bus would deliver them.
 */
const clock = new ManualClock('2026-12-10T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const rep = person('rep1.east.shanghai.team1');
const colleague = person('rep2.east.shanghai.team1');
const manager = person('manager.east.shanghai');
const otherManager = person('manager.north.beijing');

type Change = EventPayload<typeof Events.NewCustomerReviewChanged>;
type Credit = { from: string; to: string; credited: number; withheld: number; pending: number };

let system: TestSubgraphs;

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, analyticsSubgraph], { clock });
  await identitySubgraph.seedDemoData!(system.running.identity!.systemScope());
  await system.settled();
}, 180_000);

afterAll(async () => system?.stop());

async function deliver(change: Change): Promise<void> {
  const envelope = { id: newId(), type: Events.NewCustomerReviewChanged, version: '1.0', source: 'funnel', time: clock.now().toISOString(), key: change.customerId, payload: change };
  const handler = newCustomerCreditProjector.handlers[Events.NewCustomerReviewChanged] as (em: unknown, p: Change, e: typeof envelope) => Promise<void>;
  await system.running.analytics!.orm.em.fork().transactional((em) => handler(em, change, envelope));
}

/** A new customer of `owner` converted at `registeredAt`, as funnel first publishes it. */
const opened = (owner: DemoUser, registeredAt: string, state: 'CLEARED' | 'PENDING'): Change => ({
  reviewId: newId(),
  customerId: newId(),
  leadId: newId(),
  ownerId: owner.id,
  state,
  codes: state === 'PENDING' ? ['DEVICE_BURST'] : [],
  registeredAt,
  revision: 1,
  decidedById: null,
});
const decided = (change: Change, state: 'APPROVED' | 'REJECTED'): Change => ({ ...change, state, revision: 2, decidedById: manager.id });

const CREDIT = `query ($userId: ID!, $from: String!, $to: String!) { repNewCustomerCredit(userId: $userId, from: $from, to: $to) { from to credited withheld pending } }`;

async function credit(user: DemoUser, userId: string, from: string, to: string): Promise<GraphQLResponse<{ repNewCustomerCredit: Credit }>> {
  return graphql(system.running.analytics!.url, CREDIT, { token: await system.tokenFor(actorOf(user)), variables: { userId, from, to } });
}

it('credits a rep with the new customers cleared or approved, by the Shanghai day of their conversion', async () => {
  const cleared = opened(rep, '2026-12-08T15:30:00.000Z', 'CLEARED'); // 23:30 on the 8th in Shanghai
  const approved = opened(rep, '2026-12-08T02:00:00.000Z', 'PENDING');
  const rejected = opened(rep, '2026-12-08T03:00:00.000Z', 'PENDING');
  const pending = opened(rep, '2026-12-08T04:00:00.000Z', 'PENDING');
  const nextDay = opened(rep, '2026-12-08T16:30:00.000Z', 'CLEARED'); // 00:30 on the 9th
  const colleagues = opened(colleague, '2026-12-08T05:00:00.000Z', 'CLEARED');
  for (const change of [cleared, approved, rejected, pending, nextDay, colleagues]) await deliver(change);

  const before = await credit(rep, rep.id, '2026-12-08', '2026-12-08');
  expect(before.errors).toBeUndefined();
  expect(before.data!.repNewCustomerCredit).toEqual({ from: '2026-12-08', to: '2026-12-08', credited: 1, withheld: 3, pending: 3 });

  await deliver(decided(approved, 'APPROVED'));
  await deliver(decided(rejected, 'REJECTED'));
  expect((await credit(manager, rep.id, '2026-12-08', '2026-12-08')).data!.repNewCustomerCredit).toEqual({ from: '2026-12-08', to: '2026-12-08', credited: 2, withheld: 2, pending: 1 });
  expect((await credit(manager, rep.id, '2026-12-09', '2026-12-09')).data!.repNewCustomerCredit).toMatchObject({ credited: 1, withheld: 0 });
  expect((await credit(manager, rep.id, '2026-12-01', '2026-12-31')).data!.repNewCustomerCredit).toMatchObject({ credited: 3, withheld: 2, pending: 1 });
  expect((await credit(colleague, colleague.id, '2026-12-08', '2026-12-08')).data!.repNewCustomerCredit).toMatchObject({ credited: 1, withheld: 0 });
});

it('keeps the latest state through a redelivery and an older change arriving late', async () => {
  const change = opened(colleague, '2026-11-20T02:00:00.000Z', 'PENDING');
  await deliver(change);
  const approval = decided(change, 'APPROVED');
  await deliver(approval);
  await deliver(approval);
  await deliver(change);
  expect((await credit(colleague, colleague.id, '2026-11-20', '2026-11-20')).data!.repNewCustomerCredit).toMatchObject({ credited: 1, withheld: 0, pending: 0 });
});

it("refuses another rep's credit and that outside a manager's subtree, with stable codes", async () => {
  const other = await credit(colleague, rep.id, '2026-12-08', '2026-12-08');
  expect(other.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NEW_CUSTOMER_CREDIT_OUT_OF_REACH', field: 'userId' });
  expect(errorCodes(await credit(otherManager, rep.id, '2026-12-08', '2026-12-08'))).toEqual(['FORBIDDEN']);
  const nobody = await credit(manager, newId(), '2026-12-08', '2026-12-08');
  expect(nobody.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NEW_CUSTOMER_CREDIT_SUBJECT_NOT_FOUND' });
  const backwards = await credit(rep, rep.id, '2026-12-09', '2026-12-08');
  expect(backwards.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  const tooLong = await credit(rep, rep.id, '2025-01-01', '2026-12-08');
  expect(tooLong.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
});
