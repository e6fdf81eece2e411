import { ManualClock } from '@crm/platform';
import { graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { signIn, startDemoStack } from './support/demo-stack';

/**
 * CUS-6 across the system: a rep's lead (funnel) and complaint (service) reach the customer's
 * timeline in customers through their events, beside an interaction logged there, and the gateway
 * fills each entry's subject from the subgraph that owns it.
 */
const clock = new ManualClock('2026-11-25T01:00:00Z');
let stack: LocalStack;
let url: string;
let token: string;

beforeAll(async () => {
  ({ stack } = await startDemoStack({ clock }));
  url = stack.gateway.url;
  token = (await signIn(stack, 'rep1.east.shanghai.team1')).accessToken;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await graphql<T>(url, query, { token, variables });
  if (!response.data || response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data;
}

const TIMELINE = `query ($id: ID!) {
  customer(id: $id) {
    timeline {
      edges { node {
        kind occurredAt summary actor { id }
        subject { __typename ... on Lead { id title status } ... on Complaint { id subject } ... on Interaction { id kind summary } }
      } }
      pageInfo { hasNextPage }
    }
  }
}`;

it("shows a customer's lead, complaint and logged interaction on its timeline, newest first, with their subjects", async () => {
  clock.set('2026-11-25T02:00:00Z');
  const { createCustomer } = await call<{ createCustomer: { id: string; owner: { id: string } } }>(
    `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id owner { id } } }`,
    { input: { name: '上海时间线测试有限公司', kind: 'COMPANY' } },
  );
  const customerId = createCustomer.id;
  const repId = createCustomer.owner.id;
  // funnel and service learn of the customer (and that the rep may name it) through its event.
  await stack.settled();

  clock.set('2026-11-25T03:00:00Z');
  const { createLead } = await call<{ createLead: { id: string } }>(`mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }`, {
    input: { title: 'Renewal of the 2027 service contract', source: 'WEB_INQUIRY', customerId },
  });
  clock.set('2026-11-25T05:00:00Z');
  const { fileComplaint } = await call<{ fileComplaint: { id: string } }>(`mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }`, {
    input: { customerId, subject: 'Late delivery', description: 'The October order arrived two weeks late.', severity: 'HIGH' },
  });
  clock.set('2026-11-25T06:00:00Z');
  // Logged now, but it happened between the lead and the complaint: the timeline follows when things happened.
  const { logInteraction } = await call<{ logInteraction: { id: string } }>(`mutation ($input: LogInteractionInput!) { logInteraction(input: $input) { id } }`, {
    input: { customerId, kind: 'CALL', occurredAt: '2026-11-25T04:00:00Z', summary: 'Discussed the renewal terms.' },
  });
  await stack.settled();

  const { customer } = await call<{ customer: { timeline: { edges: { node: unknown }[]; pageInfo: { hasNextPage: boolean } } } }>(TIMELINE, { id: customerId });
  expect(customer.timeline.edges.map((edge) => edge.node)).toEqual([
    {
      kind: 'COMPLAINT',
      occurredAt: '2026-11-25T05:00:00.000Z',
      summary: null,
      actor: expect.anything(),
      subject: { __typename: 'Complaint', id: fileComplaint.id, subject: 'Late delivery' },
    },
    {
      kind: 'INTERACTION',
      occurredAt: '2026-11-25T04:00:00.000Z',
      summary: 'Discussed the renewal terms.',
      actor: { id: repId },
      subject: { __typename: 'Interaction', id: logInteraction.id, kind: 'CALL', summary: 'Discussed the renewal terms.' },
    },
    {
      kind: 'LEAD',
      occurredAt: '2026-11-25T03:00:00.000Z',
      summary: null,
      actor: { id: repId },
      subject: { __typename: 'Lead', id: createLead.id, title: 'Renewal of the 2027 service contract', status: 'NEW' },
    },
  ]);
  expect(customer.timeline.pageInfo.hasNextPage).toBe(false);
});

it('shows an order, its return and the payment that clears it, and the customer becomes new on the day paid (FUN-2)', async () => {
  clock.set('2026-11-26T02:00:00Z');
  const admin = (await signIn(stack, 'admin')).accessToken;
  const asAdmin = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await graphql<T>(url, query, { token: admin, variables });
    if (!response.data || response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data;
  };
  const { createCustomer } = await call<{ createCustomer: { id: string } }>('mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }', { input: { name: '上海订单时间线有限公司', kind: 'COMPANY' } });
  const customerId = createCustomer.id;
  await stack.settled();
  const { products } = await call<{ products: { edges: { node: { id: string } }[] } }>('query { products(first: 1, filter: { kind: PRODUCT, search: "MTR-DDZY" }) { edges { node { id } } } }', {});
  const { createOrder } = await call<{ createOrder: { id: string; number: string; amount: string; lines: { id: string }[] } }>(
    'mutation ($input: OrderInput!) { createOrder(input: $input) { id number amount lines { id } } }',
    { input: { customerId, lines: [{ productId: products.edges[0]!.node.id, quantity: 10, unitPrice: '199.00' }], place: true } },
  );
  await call('mutation ($id: ID!) { shipOrder(id: $id) { status } }', { id: createOrder.id });
  clock.set('2026-11-27T02:00:00Z');
  await call('mutation ($input: ReturnOrderLinesInput!) { returnOrderLines(input: $input) { amount } }', { input: { orderId: createOrder.id, reason: '两只外壳破损', lines: [{ lineId: createOrder.lines[0]!.id, quantity: 2 }] } });
  clock.set('2026-11-28T02:00:00Z');
  const { recordPayment } = await asAdmin<{ recordPayment: { id: string } }>('mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }', { input: { payerId: customerId, amount: '1592.00', method: 'BANK_TRANSFER' } });
  await stack.settled();

  const { customer } = await call<{ customer: { lifecycle: string; newCustomerOn: string; timeline: { edges: { node: unknown }[] } } }>(
    `query ($id: ID!) { customer(id: $id) { lifecycle newCustomerOn timeline(kinds: [ORDER, RETURN, PAYMENT]) { edges { node {
      kind occurredAt amount subject { __typename ... on Order { id number openAmount } ... on Payment { id amount unapplied } }
    } } } } }`,
    { id: customerId },
  );
  expect(customer).toMatchObject({ lifecycle: 'ACTIVE', newCustomerOn: '2026-11-28' });
  expect(customer.timeline.edges.map((edge) => edge.node)).toEqual([
    { kind: 'PAYMENT', occurredAt: '2026-11-28T02:00:00.000Z', amount: '1592.00', subject: { __typename: 'Payment', id: recordPayment.id, amount: '1592.00', unapplied: '0.00' } },
    { kind: 'RETURN', occurredAt: '2026-11-27T02:00:00.000Z', amount: '398.00', subject: { __typename: 'Order', id: createOrder.id, number: createOrder.number, openAmount: '0.00' } },
    { kind: 'ORDER', occurredAt: '2026-11-26T02:00:00.000Z', amount: '1990.00', subject: { __typename: 'Order', id: createOrder.id, number: createOrder.number, openAmount: '0.00' } },
  ]);
});
