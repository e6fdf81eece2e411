import { graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { countRows, signIn, startDemoStack } from './support/demo-stack';

/**
 * CUS-3 across the system: one company entered twice under two spellings at one address is caught
 * as a likely duplicate; merging keeps both records' leads and complaints reachable from the
 * survivor (and on its timeline, once each), its place in its customer group and its history, and
 * the owner's customer count (analytics) counts it once.
 */
let stack: LocalStack;
let rep: string;
let manager: string;
const call = async <T>(token: string, query: string, variables?: Record<string, unknown>) => {
  const response = await graphql<T>(stack.gateway.url, query, { token, variables });
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!;
};

const CREATE = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }';
const LEAD = 'mutation ($customerId: ID!) { createLead(input: { title: "采购意向", source: WEB_INQUIRY, customerId: $customerId }) { id } }';
const COMPLAINT = 'mutation ($customerId: ID!) { fileComplaint(input: { customerId: $customerId, subject: "交货延迟", description: "第二批货晚到三天", severity: MEDIUM }) { id } }';
const REVIEWS = '{ duplicateReviews(first: 50) { edges { node { customer { id } candidate { id } reasons } } } }';
const MERGE = 'mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }';
const SET_PARENT = 'mutation ($input: SetCustomerParentInput!) { setCustomerParent(input: $input) { id } }';
const SURVIVOR = `query ($id: ID!) { customer(id: $id) { id
  leads(first: 10) { edges { node { id customer { id } } } }
  complaints(first: 10) { edges { node { id customer { id } } } }
  owner { customerCount } } }`;
const HISTORY = `query ($id: ID!) { customer(id: $id) { parent { id } timeline(first: 20) { edges { node { kind } } } }
  customerAuditTrail(id: $id, first: 50) { edges { node { action } } } }`;

beforeAll(async () => {
  ({ stack } = await startDemoStack());
  rep = (await signIn(stack, 'rep1.east.shanghai.team1')).accessToken;
  manager = (await signIn(stack, 'manager.east.shanghai')).accessToken;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

it('catches the second spelling as a likely duplicate, and the merge keeps every lead and complaint once', async () => {
  const address = '上海市徐汇区漕溪北路88号';
  const first = (await call<{ createCustomer: { id: string } }>(rep, CREATE, { input: { name: '上海信航贸易有限公司', kind: 'COMPANY', address } })).createCustomer.id;
  const second = (await call<{ createCustomer: { id: string } }>(rep, CREATE, { input: { name: '信航贸易（上海）有限公司', kind: 'COMPANY', address: '徐汇区漕溪北路 88 号' } })).createCustomer.id;
  await stack.settled();
  for (const customerId of [first, second]) {
    await call(rep, LEAD, { customerId });
    await call(rep, COMPLAINT, { customerId });
  }
  await stack.settled();

  const reviews = await call<{ duplicateReviews: { edges: { node: { customer: { id: string }; candidate: { id: string }; reasons: string[] } }[] } }>(manager, REVIEWS);
  expect(reviews.duplicateReviews.edges.map((e) => e.node)).toContainEqual({ customer: { id: second }, candidate: { id: first }, reasons: ['SIMILAR_NAME', 'SIMILAR_ADDRESS'] });

  const hq = (await call<{ createCustomer: { id: string } }>(rep, CREATE, { input: { name: '信航控股集团有限公司', kind: 'COMPANY' } })).createCustomer.id;
  await call(rep, SET_PARENT, { input: { customerId: second, parentId: hq } });

  const countBefore = (await call<{ customer: { owner: { customerCount: number } } }>(rep, SURVIVOR, { id: first })).customer.owner.customerCount;
  await call(manager, MERGE, { input: { survivorId: first, mergedId: second, reason: '同一家公司，两种写法' } });
  await stack.settled();

  const survivor = (await call<{ customer: { id: string; leads: { edges: { node: { customer: { id: string } } }[] }; complaints: { edges: { node: { customer: { id: string } } }[] }; owner: { customerCount: number } } }>(rep, SURVIVOR, { id: first })).customer;
  expect(survivor.leads.edges).toHaveLength(2);
  expect(survivor.complaints.edges).toHaveLength(2);
  expect([...survivor.leads.edges, ...survivor.complaints.edges].map((e) => e.node.customer.id)).toEqual([first, first, first, first]);
  expect(survivor.owner.customerCount).toBe(countBefore - 1);
  expect((await call<{ customer: { id: string } }>(rep, SURVIVOR, { id: second })).customer.id).toBe(first);
  expect(await countRows(stack, 'funnel', 'lead where customer_id = ?', [second])).toBe(0);
  expect(await countRows(stack, 'service', 'complaint where customer_id = ?', [second])).toBe(0);
  // The pair's review, and any other involving the merged record, is settled by the merge.
  expect(await countRows(stack, 'customers', `duplicate_review where customer_id = ? and candidate_id = ? and status = 'MERGED'`, [second, first])).toBe(1);
  expect(await countRows(stack, 'customers', `duplicate_review where ? in (customer_id, candidate_id) and status = 'OPEN'`, [second])).toBe(0);

  // The survivor takes the merged record's place in its group, and keeps its history.
  const history = await call<{ customer: { parent: { id: string } | null; timeline: { edges: { node: { kind: string } }[] } }; customerAuditTrail: { edges: { node: { action: string } }[] } }>(
    manager,
    HISTORY,
    { id: first },
  );
  expect(history.customer.parent).toEqual({ id: hq });
  expect(history.customer.timeline.edges.map((e) => e.node.kind).sort()).toEqual(['COMPLAINT', 'COMPLAINT', 'LEAD', 'LEAD']);
  expect(history.customerAuditTrail.edges.map((e) => e.node.action)).toEqual(expect.arrayContaining(['customer.merged', 'customer.merged_into', 'customer.parent_changed']));
});
