import { customersSubgraph } from '../src';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';

/**
 * CUS-3 with CUS-4: merging two customers keeps the merged one's place in its group (children,
 * parent, order parties, credit) on the survivor and announces every change; merges never leave a
 * chain of pointers; the survivor's audit trail holds the merged customer's history.
 */
const clock = new ManualClock('2026-11-26T02:00:00Z');
const people = demoData().users;
const person = (email: string): DemoUser => people.find((p) => p.email === `${email}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const rep = person('rep1.east.shanghai.team1');
const manager = person('manager.east.shanghai');

let system: TestSubgraphs;
let url: string;
const as = async (user: DemoUser) => system.tokenFor(actorOf(user));

const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`;
const SET_PARENT = `mutation ($input: SetCustomerParentInput!) { setCustomerParent(input: $input) { id } }`;
const SET_DEFAULTS = `mutation ($input: SetCustomerOrderDefaultsInput!) { setCustomerOrderDefaults(input: $input) { id } }`;
const SET_CREDIT = `mutation ($input: SetCreditLimitInput!) { setCreditLimit(input: $input) { id } }`;
const MERGE = 'mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }';
const REASSIGN = 'mutation ($input: ReassignCustomerInput!) { reassignCustomer(input: $input) { id } }';
const TREE = `query ($id: ID!) { customer(id: $id) {
  id parent { id } ancestors { id } group { id } children(first: 10) { edges { node { id } } }
  orderDefaults { orderingParty { id } shipTo { id } billTo { id } } creditLimit groupCredit { limit allocated members } } }`;
const TRAIL = `query ($id: ID!, $first: Int, $after: String) {
  customerAuditTrail(id: $id, first: $first, after: $after) { edges { node { action reason } } pageInfo { hasNextPage endCursor } } }`;

interface Tree {
  id: string;
  parent: { id: string } | null;
  ancestors: { id: string }[];
  group: { id: string } | null;
  children: { edges: { node: { id: string } }[] };
  orderDefaults: { orderingParty: { id: string } | null; shipTo: { id: string } | null; billTo: { id: string } | null };
  creditLimit: string | null;
  groupCredit: { limit: string | null; allocated: string; members: number };
}

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph], { clock, seedDemoData: true });
  url = system.running.customers!.url;
}, 120_000);

afterAll(async () => system?.stop());

const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => (await system.running.customers!.orm.em.fork().getConnection().execute(text, params)) as T[];
const rowCount = async (table: string) => (await sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
const rowCounts = async () => Promise.all(['customer_link', 'customer_order_defaults', 'customer_credit_limit', 'audit_entry', 'outbox_message'].map(rowCount));

async function call<T = Record<string, unknown>>(user: DemoUser, query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await graphql<T>(url, query, { token: await as(user), variables });
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const createCustomer = async (name: string) => (await call<{ createCustomer: { id: string } }>(rep, CREATE, { input: { name, kind: 'COMPANY' } })).createCustomer.id;
const setParent = (customerId: string, parentId: string | null) => call(rep, SET_PARENT, { input: { customerId, parentId } });
const setDefaults = (customerId: string, orderingPartyId: string, shipToId: string, billToId: string) =>
  call(rep, SET_DEFAULTS, { input: { customerId, orderingPartyId, shipToId, billToId } });
const setCredit = (customerId: string, scope: 'CUSTOMER' | 'GROUP', limit: string) => call(manager, SET_CREDIT, { input: { customerId, scope, limit } });
const merge = async (survivorId: string, mergedId: string) => graphql(url, MERGE, { token: await as(manager), variables: { input: { survivorId, mergedId, reason: '同一家公司' } } });
const tree = async (id: string) => (await call<{ customer: Tree }>(rep, TREE, { id })).customer;

const lastPayload = async (type: string, customerId: string) =>
  (
    await sql<{ payload: Record<string, unknown> }>(
      `select envelope->'payload' as payload from outbox_message where envelope->>'type' = ? and envelope->'payload'->>'customerId' = ? order by id desc limit 1`,
      [type, customerId],
    )
  )[0]?.payload;

const auditOf = (customerId: string, action: string) =>
  sql<{ before: unknown; after: unknown; reason: string }>('select before, after, reason from audit_entry where subject_id = ? and action = ? order by id', [customerId, action]);

describe('customer groups (CUS-4)', () => {
  it('gives the survivor the merged branch’s parent, children, order parties and credit limit, and announces each change', async () => {
    const hq = await createCustomer('宝武钢铁集团有限公司');
    const branch = await createCustomer('宝武钢铁集团有限公司南京分公司');
    const office = await createCustomer('宝武钢铁南京分公司江宁办事处');
    const desk = await createCustomer('宝武钢铁江宁办事处销售部');
    const depot = await createCustomer('宝武钢铁南京分公司浦口仓库');
    const survivor = await createCustomer('宝武钢铁南京分公司');
    await setParent(branch, hq);
    await setParent(office, branch);
    await setParent(desk, office);
    await setParent(depot, branch);
    await setCredit(hq, 'GROUP', '5000.00');
    await setCredit(branch, 'CUSTOMER', '1000.00');
    await setDefaults(office, office, office, branch);
    await setDefaults(hq, hq, branch, hq);
    await setDefaults(branch, branch, branch, hq);

    const merged = await merge(survivor, branch);
    expect(merged.errors).toBeUndefined();

    expect(await tree(survivor)).toMatchObject({
      parent: { id: hq },
      ancestors: [{ id: hq }],
      group: { id: hq },
      creditLimit: '1000.00',
      groupCredit: { limit: '5000.00', allocated: '1000.00', members: 5 },
    });
    expect((await tree(survivor)).children.edges.map((e) => e.node.id).sort()).toEqual([office, depot].sort());
    expect(await tree(desk)).toMatchObject({ ancestors: [{ id: hq }, { id: survivor }, { id: office }], group: { id: hq } });
    expect((await tree(office)).orderDefaults).toEqual({ orderingParty: { id: office }, shipTo: { id: office }, billTo: { id: survivor } });
    expect((await tree(hq)).orderDefaults).toEqual({ orderingParty: { id: hq }, shipTo: { id: survivor }, billTo: { id: hq } });
    expect(await sql('select * from customer_link where customer_id = ? or parent_id = ?', [branch, branch])).toEqual([]);
    expect(await sql('select * from customer_credit_limit where customer_id = ?', [branch])).toEqual([]);

    // Every customer whose data changed is announced, so funnel can follow.
    expect(await lastPayload('customer.hierarchy_changed', survivor)).toEqual({ customerId: survivor, parentId: hq, ancestorIds: [hq], groupId: hq });
    expect(await lastPayload('customer.hierarchy_changed', office)).toEqual({ customerId: office, parentId: survivor, ancestorIds: [hq, survivor], groupId: hq });
    expect(await lastPayload('customer.hierarchy_changed', desk)).toEqual({ customerId: desk, parentId: office, ancestorIds: [hq, survivor, office], groupId: hq });
    expect(await lastPayload('customer.hierarchy_changed', depot)).toEqual({ customerId: depot, parentId: survivor, ancestorIds: [hq, survivor], groupId: hq });
    expect(await lastPayload('customer.hierarchy_changed', branch)).toEqual({ customerId: branch, parentId: null, ancestorIds: [], groupId: branch });
    expect(await lastPayload('customer.credit_limit_set', survivor)).toEqual({ customerId: survivor, scope: 'CUSTOMER', limit: '1000.00' });
    expect(await lastPayload('customer.credit_limit_set', branch)).toEqual({ customerId: branch, scope: 'CUSTOMER', limit: null });
    expect(await lastPayload('customer.order_defaults_set', office)).toEqual({ customerId: office, orderingPartyId: office, shipToId: office, billToId: survivor });
    expect(await lastPayload('customer.order_defaults_set', hq)).toEqual({ customerId: hq, orderingPartyId: hq, shipToId: survivor, billToId: hq });
    expect(await auditOf(survivor, 'customer.credit_limit_set')).toEqual([
      { before: { scope: 'CUSTOMER', limit: null }, after: { scope: 'CUSTOMER', limit: '1000.00' }, reason: expect.stringContaining('Taken from') },
    ]);
    expect(await auditOf(office, 'customer.parent_changed')).toContainEqual({ before: { parentId: branch, groupId: hq }, after: { parentId: survivor, groupId: hq }, reason: expect.any(String) });
  });

  it('lifts a survivor out from under the merged top, never under itself, and gives it the group limit; two customer limits are never added up', async () => {
    const top = await createCustomer('海螺水泥集团有限公司');
    const survivor = await createCustomer('海螺水泥(芜湖)有限公司');
    const sibling = await createCustomer('海螺水泥(铜陵)有限公司');
    await setParent(survivor, top);
    await setParent(sibling, top);
    await setCredit(top, 'GROUP', '3000.00');
    await setCredit(top, 'CUSTOMER', '800.00');
    await setCredit(survivor, 'CUSTOMER', '500.00');
    await setDefaults(survivor, survivor, survivor, top);

    expect((await merge(survivor, top)).errors).toBeUndefined();

    expect(await tree(survivor)).toMatchObject({
      parent: null,
      ancestors: [],
      group: { id: survivor },
      children: { edges: [{ node: { id: sibling } }] },
      creditLimit: '500.00',
      groupCredit: { limit: '3000.00', allocated: '500.00', members: 2 },
      orderDefaults: { orderingParty: { id: survivor }, shipTo: { id: survivor }, billTo: { id: survivor } },
    });
    expect(await tree(sibling)).toMatchObject({ parent: { id: survivor }, ancestors: [{ id: survivor }], group: { id: survivor } });
    expect(await lastPayload('customer.order_defaults_set', survivor)).toEqual({ customerId: survivor, orderingPartyId: survivor, shipToId: survivor, billToId: survivor });
    expect(await lastPayload('customer.credit_limit_set', survivor)).toEqual({ customerId: survivor, scope: 'GROUP', limit: '3000.00' });
    expect(await auditOf(survivor, 'customer.credit_limit_dropped')).toEqual([
      { before: { scope: 'CUSTOMER', limit: '800.00', customerId: top }, after: null, reason: expect.stringContaining('never added up') },
    ]);
  });

  it('does not take a customer limit the group limit cannot hold, and audits it', async () => {
    const hq = await createCustomer('鞍钢集团有限公司');
    const survivor = await createCustomer('鞍钢股份有限公司');
    const merged = await createCustomer('鞍钢股份公司');
    await setParent(survivor, hq);
    await setCredit(hq, 'GROUP', '1000.00');
    await setCredit(hq, 'CUSTOMER', '900.00');
    await setCredit(merged, 'CUSTOMER', '500.00');

    expect((await merge(survivor, merged)).errors).toBeUndefined();

    expect(await tree(survivor)).toMatchObject({ parent: { id: hq }, creditLimit: null, groupCredit: { limit: '1000.00', allocated: '900.00', members: 2 } });
    expect(await auditOf(survivor, 'customer.credit_limit_dropped')).toEqual([
      { before: { scope: 'CUSTOMER', limit: '500.00', customerId: merged }, after: null, reason: expect.stringContaining('1400.00') },
    ]);
  });

  it('refuses a merge that would bring the survivor’s group over its limit, and writes nothing', async () => {
    const survivor = await createCustomer('本钢集团有限公司');
    const merged = await createCustomer('本溪钢铁集团有限公司');
    const child = await createCustomer('本溪钢铁集团有限公司沈阳分公司');
    await setCredit(survivor, 'GROUP', '100.00');
    await setParent(child, merged);
    await setCredit(child, 'CUSTOMER', '200.00');

    const before = await rowCounts();
    const refused = await merge(survivor, merged);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'GROUP_CREDIT_EXCEEDED', groupId: survivor, groupLimit: '100.00', wouldBe: '200.00' });
    expect(await rowCounts()).toEqual(before);
    expect(await sql('select merged_into_id from customer where id = ?', [merged])).toEqual([{ merged_into_id: null }]);
  });
});

describe('chains and history (CUS-3)', () => {
  it('points every earlier merge at the live survivor, and keeps the merged customers’ history on its audit trail, paged', async () => {
    const first = await createCustomer('宁波港集团有限公司');
    const second = await createCustomer('宁波港集团');
    const survivor = await createCustomer('宁波舟山港集团有限公司');
    await call(manager, REASSIGN, { input: { customerId: first, ownerId: person('rep2.east.shanghai.team1').id } });
    expect((await merge(second, first)).errors).toBeUndefined();
    expect((await merge(survivor, second)).errors).toBeUndefined();

    expect(await sql('select id, merged_into_id from customer where id in (?, ?) order by merged_into_id', [first, second])).toEqual([
      { id: first, merged_into_id: survivor },
      { id: second, merged_into_id: survivor },
    ]);
    expect((await call<{ customer: { id: string } }>(manager, TREE, { id: first })).customer.id).toBe(survivor);

    type Trail = { customerAuditTrail: { edges: { node: { action: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const page1 = await call<Trail>(manager, TRAIL, { id: survivor, first: 3 });
    const page2 = await call<Trail>(manager, TRAIL, { id: survivor, first: 10, after: page1.customerAuditTrail.pageInfo.endCursor });
    expect(page1.customerAuditTrail.pageInfo.hasNextPage).toBe(true);
    const actions = [...page1.customerAuditTrail.edges, ...page2.customerAuditTrail.edges].map((e) => e.node.action);
    // The survivor's own merge, the second's merges both ways, the first's hand-over and merges.
    expect(actions).toEqual(expect.arrayContaining(['customer.merged', 'customer.merged_into', 'customer.reassigned']));
    expect(actions.filter((action) => action === 'customer.reassigned')).toHaveLength(1);
    expect(actions.filter((action) => action === 'customer.merged')).toHaveLength(2);
  });
});
