import { randomUUID } from 'node:crypto';
import { demoData } from '@crm/demo-data';
import { graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { countRows, signIn, startDemoStack } from './support/demo-stack';

/**
 * FUN-2 across the system: converting a verified lead without a customer creates the customer in
 * the customers subgraph through lead.converted (funnel assigned its id), and the customer shows its
 * opportunity through the gateway; a new customer whose key an existing customer holds is not
 * created, and the opportunity and lead land on the existing one (customer.conversion_linked).
 * Opportunities, as entities and per customer, cost one statement per _entities batch.
 */
let stack: LocalStack;
let rep: string;
const statements: { subgraph: string; sql: string }[] = [];
const opportunityIds: string[] = [];
const call = async <T>(token: string, query: string, variables?: Record<string, unknown>) => {
  const response = await graphql<T>(stack.gateway.url, query, { token, variables });
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!;
};

const CREATE_CUSTOMER = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }';
const CREATE_LEAD = 'mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }';
const VERIFY = 'mutation ($id: ID!) { verifyLead(id: $id) { id } }';
const CONVERT = 'mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { id customer { id } } }';
const CUSTOMER = `query ($id: ID!) { customer(id: $id) { id name kind owner { id }
  opportunities(first: 10) { edges { node { id status stage { name } sourceLead { id status } } } } lifecycle } }`;
const LEAD = 'query ($id: ID!) { lead(id: $id) { status customer { id } opportunity { id customer { id } } } }';

interface CustomerView {
  id: string;
  name: string;
  kind: string;
  opportunities: { edges: { node: { id: string; status: string; stage: { name: string }; sourceLead: { id: string; status: string } } }[] };
  lifecycle: string;
}

async function verifiedLead(input: Record<string, unknown>): Promise<string> {
  const id = (await call<{ createLead: { id: string } }>(rep, CREATE_LEAD, { input: { source: 'BUSINESS_CARD', ...input } })).createLead.id;
  await call(rep, VERIFY, { id });
  return id;
}

beforeAll(async () => {
  ({ stack } = await startDemoStack({ onQuery: (subgraph, sql) => statements.push({ subgraph, sql }) }));
  rep = (await signIn(stack, 'rep1.east.shanghai.team1')).accessToken;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

it('creates the customer in customers under the id funnel assigned, and the customer shows its opportunity', async () => {
  const leadId = await verifiedLead({ title: '展会名片：楼宇能耗监测', companyName: '上海汇能楼宇科技有限公司', divisionCode: '310104' });
  const converted = await call<{ convertLead: { id: string; customer: { id: string } } }>(rep, CONVERT, { input: { leadId, amount: '56000.00' } });
  opportunityIds.push(converted.convertLead.id);
  await stack.settled();

  const { customer } = await call<{ customer: CustomerView }>(rep, CUSTOMER, { id: converted.convertLead.customer.id });
  expect(customer).toMatchObject({ id: converted.convertLead.customer.id, name: '上海汇能楼宇科技有限公司', kind: 'COMPANY', lifecycle: 'PROSPECT' });
  expect(customer.opportunities.edges.map((e) => e.node)).toEqual([
    { id: converted.convertLead.id, status: 'OPEN', stage: { name: '初步沟通' }, sourceLead: { id: leadId, status: 'CONVERTED' } },
  ]);
});

it('links to the existing customer when the new one\'s key is taken, creating none', async () => {
  const mobile = '13812340987';
  const existing = (await call<{ createCustomer: { id: string } }>(rep, CREATE_CUSTOMER, {
    input: { name: '张伟', kind: 'INDIVIDUAL', divisionCode: '310106', identityKeys: [{ kind: 'MOBILE', value: mobile }] },
  })).createCustomer.id;
  await stack.settled();
  const leadId = await verifiedLead({ title: '官网咨询：家用储能', contactName: '张先生', divisionCode: '310106' });
  const converted = await call<{ convertLead: { id: string; customer: { id: string } } }>(rep, CONVERT, { input: { leadId, customer: { mobile } } });
  const assigned = converted.convertLead.customer.id;
  opportunityIds.push(converted.convertLead.id);
  expect(assigned).not.toBe(existing);
  await stack.settled();

  expect(await countRows(stack, 'customers', 'customer where id = ?', [assigned])).toBe(0);
  const { lead } = await call<{ lead: { status: string; customer: { id: string }; opportunity: { id: string; customer: { id: string } } } }>(rep, LEAD, { id: leadId });
  expect(lead).toEqual({ status: 'CONVERTED', customer: { id: existing }, opportunity: { id: converted.convertLead.id, customer: { id: existing } } });
  const { customer } = await call<{ customer: CustomerView }>(rep, CUSTOMER, { id: existing });
  expect(customer.opportunities.edges.map((e) => e.node.id)).toEqual([converted.convertLead.id]);
});

it.each([
  ['Opportunity', () => [...opportunityIds, ...Array.from({ length: 98 }, () => randomUUID())].map((id) => ({ __typename: 'Opportunity', id })), '... on Opportunity { id stage { name } }'],
  ['Customer.opportunities', () => demoData().customers.slice(0, 100).map((c) => ({ __typename: 'Customer', id: c.id })), '... on Customer { opportunities(first: 3) { edges { node { id } } } }'],
])('funnel resolves a batch of %s in one statement', async (_what, representationsOf, selection) => {
  const admin = (await signIn(stack, 'admin')).accessToken;
  const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`;
  const statementsFor = async (representations: unknown[]) => {
    statements.length = 0;
    const response = await graphql<{ _entities: unknown[] }>(stack.subgraphs.funnel!.url, query, { token: admin, variables: { representations } });
    expect(response.errors).toBeUndefined();
    return statements.filter((s) => s.subgraph === 'funnel' && s.sql.includes('from "opportunity"')).length;
  };
  const overhead = await statementsFor([]);
  const representations = representationsOf();
  expect(representations.length).toBeGreaterThanOrEqual(100);
  expect((await statementsFor(representations)) - overhead).toBe(1);
});
