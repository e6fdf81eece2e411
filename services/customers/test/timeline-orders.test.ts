import { customersSubgraph } from '../src';
import { insertTimelineEntries } from '../src/modules/timeline';
import { demoData, type DemoUser } from '@crm/demo-data';
import { Events, InProcessEventBus, Topics, type EventEnvelope, type EventPayload, type Subscription } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, newId, type Actor } from '@crm/platform';
import { graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';

/**
 * CUS-6 for funnel's orders: order.placed, order.returned and payment.received, as the customers
 * subgraph receives them from crm.funnel.orders, put ORDER, RETURN and PAYMENT entries with their
 * exact amounts on the timelines of the customers they concern (the bill-to party's and the
 * settled customers' too), newest first, filterable by kind, once however often delivered, and a
 * merge leaves one entry per event on the survivor.
 */
const clock = new ManualClock('2026-11-30T02:00:00Z');
const demo = demoData();
const person = (email: string): DemoUser => demo.users.find((p) => p.email === `${email}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const rep = person('rep1.east.shanghai.team1');
const manager = person('manager.east.shanghai');

let system: TestSubgraphs;
let url: string;
let timelineSubscription: Subscription;
const as = async (user: DemoUser) => system.tokenFor(actorOf(user));

const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`;
const TIMELINE = `query ($id: ID!, $kinds: [TimelineKind!]) {
  customer(id: $id) {
    timeline(kinds: $kinds) { edges { node { kind occurredAt actor { id } summary amount subject { __typename ... on Order { id } ... on Payment { id } } } } }
  }
}`;

interface Node {
  kind: string;
  occurredAt: string;
  actor: { id: string } | null;
  summary: string | null;
  amount: string | null;
  subject: { __typename: string; id: string };
}

beforeAll(async () => {
  // The consumer's subscription as the subgraph makes it: the topics it reads and the inbox it feeds.
  const subscribe = jest.spyOn(InProcessEventBus.prototype, 'subscribe');
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph], { clock, seedDemoData: true });
  url = system.running.customers!.url;
  timelineSubscription = subscribe.mock.calls.map(([subscription]) => subscription).find((subscription) => subscription.group === 'customers.customer-timeline')!;
  subscribe.mockRestore();
}, 120_000);

afterAll(async () => system?.stop());

async function createCustomer(name: string): Promise<string> {
  const created = await graphql<{ createCustomer: { id: string } }>(url, CREATE, { token: await as(rep), variables: { input: { name, kind: 'COMPANY' } } });
  expect(created.errors).toBeUndefined();
  return created.data!.createCustomer.id;
}

async function timeline(customerId: string, kinds?: string[]): Promise<Node[]> {
  const read = await graphql<{ customer: { timeline: { edges: { node: Node }[] } } | null }>(url, TIMELINE, { token: await as(rep), variables: { id: customerId, kinds } });
  expect(read.errors).toBeUndefined();
  return read.data!.customer!.timeline.edges.map((edge) => edge.node);
}

const entriesOf = async (customerId: string): Promise<number> => {
  const [row] = (await system.running.customers!.orm.em.fork().getConnection().execute('select count(*)::int as n from customer_timeline_entry where customer_id = ?', [customerId])) as { n: number }[];
  return row!.n;
};

function envelope<T extends typeof Events.OrderPlaced | typeof Events.OrderReturned | typeof Events.PaymentReceived>(type: T, payload: EventPayload<T>, time: string): EventEnvelope<EventPayload<T>> {
  return { id: newId(), type, version: '1.0', source: 'funnel', time, key: newId(), payload };
}

/** Delivers envelopes on crm.funnel.orders to the timeline consumer, as the bus does: none may be dead-lettered. */
async function deliver(envelopes: EventEnvelope[]): Promise<void> {
  expect(await timelineSubscription.handle({ topic: Topics.Orders, envelopes })).toEqual([]);
}

/** Order events are published after the fact (a relay, a replica catching up): the entry keeps the event's own time. */
const PUBLISHED = '2026-11-30T23:59:00.000Z';

const placed = (orderId: string, customerId: string, billToId: string, amount: string, placedAt: string) =>
  envelope(
    Events.OrderPlaced,
    { orderId, number: `SO-${orderId.slice(0, 8)}`, customerId, shipToId: customerId, billToId, placedAt, placedOn: placedAt.slice(0, 10), amount, cost: '0.00', lines: [] },
    PUBLISHED,
  );

const returned = (orderId: string, customerId: string, billToId: string, amount: string, returnedAt: string) =>
  envelope(
    Events.OrderReturned,
    { returnId: newId(), orderId, customerId, billToId, returnedAt, returnedOn: returnedAt.slice(0, 10), amount, cost: '0.00', refundDue: '0.00', reason: '包装破损', lines: [] },
    PUBLISHED,
  );

const paid = (paymentId: string, payerId: string, amount: string, allocations: { orderId: string; customerId: string; amount: string }[], time: string) =>
  envelope(Events.PaymentReceived, { paymentId, payerId, amount, receivedOn: time.slice(0, 10), allocations, unapplied: '0.00' }, time);

const entry = (kind: string, occurredAt: string, amount: string, subject: Node['subject'], summary: string | null = null): Node => ({ kind, occurredAt, actor: null, summary, amount, subject });

it('reads order.placed, order.returned and payment.received from crm.funnel.orders', () => {
  expect(timelineSubscription.topics).toContain(Topics.Orders);
});

it("puts orders and returns on the ordering and bill-to customers' timelines, and a payment on its payer's and on the settled customers'", async () => {
  const hq = await createCustomer('杭州联华总部有限公司');
  const branch = await createCustomer('杭州联华滨江分公司');
  const [branchOrder, hqOrder, otherOrder, paymentId] = [newId(), newId(), newId(), newId()];
  await deliver([
    placed(branchOrder, branch, hq, '12345.67', '2026-11-30T01:00:00.000Z'),
    placed(hqOrder, hq, hq, '500.00', '2026-11-30T01:30:00.000Z'),
    placed(otherOrder, branch, hq, '2000.25', '2026-11-30T01:45:00.000Z'),
    returned(branchOrder, branch, hq, '345.67', '2026-11-30T03:00:00.000Z'),
    paid(
      paymentId,
      hq,
      '13000.00',
      [
        { orderId: branchOrder, customerId: branch, amount: '12000.00' },
        { orderId: hqOrder, customerId: hq, amount: '500.00' },
        { orderId: otherOrder, customerId: branch, amount: '0.10' },
      ],
      '2026-11-30T04:00:00.000Z',
    ),
  ]);

  const order = (id: string) => ({ __typename: 'Order', id });
  const payment = { __typename: 'Payment', id: paymentId };
  expect(await timeline(branch)).toEqual([
    entry('PAYMENT', '2026-11-30T04:00:00.000Z', '12000.10', payment),
    entry('RETURN', '2026-11-30T03:00:00.000Z', '345.67', order(branchOrder), '包装破损'),
    entry('ORDER', '2026-11-30T01:45:00.000Z', '2000.25', order(otherOrder)),
    entry('ORDER', '2026-11-30T01:00:00.000Z', '12345.67', order(branchOrder)),
  ]);
  expect(await timeline(hq)).toEqual([
    entry('PAYMENT', '2026-11-30T04:00:00.000Z', '13000.00', payment),
    entry('RETURN', '2026-11-30T03:00:00.000Z', '345.67', order(branchOrder), '包装破损'),
    entry('ORDER', '2026-11-30T01:45:00.000Z', '2000.25', order(otherOrder)),
    entry('ORDER', '2026-11-30T01:30:00.000Z', '500.00', order(hqOrder)),
    entry('ORDER', '2026-11-30T01:00:00.000Z', '12345.67', order(branchOrder)),
  ]);
  expect((await timeline(hq, ['RETURN', 'PAYMENT'])).map((node) => node.kind)).toEqual(['PAYMENT', 'RETURN']);
  expect((await timeline(branch, ['ORDER'])).map((node) => node.amount)).toEqual(['2000.25', '12345.67']);
});

it('writes nothing twice when the events are redelivered or replayed', async () => {
  const hq = await createCustomer('宁波东港总部有限公司');
  const branch = await createCustomer('宁波东港北仑分公司');
  const orderId = newId();
  const events = [
    placed(orderId, branch, hq, '800.00', '2026-11-30T05:00:00.000Z'),
    returned(orderId, branch, hq, '80.00', '2026-11-30T06:00:00.000Z'),
    paid(newId(), hq, '720.00', [{ orderId, customerId: branch, amount: '720.00' }], '2026-11-30T07:00:00.000Z'),
  ];
  await deliver(events);
  expect([await entriesOf(hq), await entriesOf(branch)]).toEqual([3, 3]);
  await deliver(events);
  // A replay past the inbox (a rebuilt projection, say) meets the entries already there.
  await system.running.customers!.orm.em.fork().transactional(async (em) => expect(await insertTimelineEntries(em, events)).toBe(0));
  expect([await entriesOf(hq), await entriesOf(branch)]).toEqual([3, 3]);
});

it('keeps one entry per event on the survivor when a branch is merged into the HQ billed for its orders, before or after the event arrives', async () => {
  const hq = await createCustomer('温州瓯海总部有限公司');
  const branch = await createCustomer('温州瓯海龙湾分公司');
  const [early, late] = [newId(), newId()];
  await deliver([placed(early, branch, hq, '100.00', '2026-11-30T08:00:00.000Z')]);
  const merged = await graphql(url, 'mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }', {
    token: await as(manager),
    variables: { input: { survivorId: hq, mergedId: branch, reason: '分公司并入总部' } },
  });
  expect(merged.errors).toBeUndefined();
  await system.settled();
  // A replica that had not caught up with the merge still names the branch.
  await deliver([placed(late, branch, hq, '200.00', '2026-11-30T09:00:00.000Z')]);

  expect((await timeline(hq)).map((node) => [node.subject.id, node.amount])).toEqual([
    [late, '200.00'],
    [early, '100.00'],
  ]);
  expect(await entriesOf(branch)).toBe(0);
});
