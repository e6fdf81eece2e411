import { customersSubgraph } from '../src';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';

/**
 * CUS-4: customer groups (HQ → subsidiary → branch), order defaults within a group, and credit
 * per customer and per group, on the customers subgraph with identity's people.
 */
const clock = new ManualClock('2026-11-26T02:00:00Z');
const people = demoData().users;
const person = (email: string): DemoUser => people.find((p) => p.email === `${email}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const rep = person('rep1.east.shanghai.team1');
const outsider = person('rep1.north.beijing.team1');
const admin = person('admin');

let system: TestSubgraphs;
let url: string;
const as = async (user: DemoUser) => system.tokenFor(actorOf(user));

const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`;
const SET_PARENT = `mutation ($input: SetCustomerParentInput!) { setCustomerParent(input: $input) { id parent { id } group { id } } }`;
const SET_DEFAULTS = `mutation ($input: SetCustomerOrderDefaultsInput!) {
  setCustomerOrderDefaults(input: $input) { id orderDefaults { orderingParty { id } shipTo { id } billTo { id } } } }`;
const SET_CREDIT = `mutation ($input: SetCreditLimitInput!) { setCreditLimit(input: $input) { id creditLimit groupCredit { limit allocated members } } }`;
const TREE = `query ($id: ID!) { customer(id: $id) {
  id parent { id } ancestors { id } group { id } children(first: 10) { edges { node { id } } pageInfo { hasNextPage } }
  orderDefaults { orderingParty { id } shipTo { id } billTo { id } } creditLimit groupCredit { limit allocated members } } }`;

interface Tree {
  id: string;
  parent: { id: string } | null;
  ancestors: { id: string }[];
  group: { id: string } | null;
  children: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } };
  orderDefaults: { orderingParty: { id: string } | null; shipTo: { id: string } | null; billTo: { id: string } | null };
  creditLimit: string | null;
  groupCredit: { limit: string | null; allocated: string; members: number };
}

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph], { clock, seedDemoData: true });
  url = system.running.customers!.url;
}, 120_000);

afterAll(async () => system?.stop());

const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
  (await system.running.customers!.orm.em.getConnection().execute(text, params)) as T[];
const rowCount = async (table: string) => (await sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
const rowCounts = async () => Promise.all(['customer_link', 'customer_order_defaults', 'customer_credit_limit', 'audit_entry', 'outbox_message'].map(rowCount));

async function createCustomer(name: string, owner: DemoUser = rep): Promise<string> {
  const created = await graphql<{ createCustomer: { id: string } }>(url, CREATE, { token: await as(owner), variables: { input: { name, kind: 'COMPANY' } } });
  expect(created.errors).toBeUndefined();
  return created.data!.createCustomer.id;
}

async function setParent(customerId: string, parentId: string | null, user: DemoUser = rep) {
  return graphql<{ setCustomerParent: { id: string; parent: { id: string } | null; group: { id: string } | null } }>(url, SET_PARENT, {
    token: await as(user),
    variables: { input: { customerId, parentId } },
  });
}

async function setCredit(customerId: string, scope: 'CUSTOMER' | 'GROUP', limit: string | null, user: DemoUser = admin) {
  return graphql<{ setCreditLimit: { creditLimit: string | null; groupCredit: Tree['groupCredit'] } }>(url, SET_CREDIT, {
    token: await as(user),
    variables: { input: { customerId, scope, limit, reason: '年度授信' } },
  });
}

async function tree(id: string, user: DemoUser = rep): Promise<Tree | null> {
  const read = await graphql<{ customer: Tree | null }>(url, TREE, { token: await as(user), variables: { id } });
  expect(read.errors).toBeUndefined();
  return read.data!.customer;
}

const eventsFor = (type: string, customerId: string) =>
  sql<{ payload: Record<string, unknown> }>(`select envelope->'payload' as payload from outbox_message where envelope->>'type' = ? and envelope->'payload'->>'customerId' = ? order by id`, [
    type,
    customerId,
  ]);

it('seed 000 §2: a branch orders and takes delivery itself, HQ is billed, and the group limit caps the branch', async () => {
  const hq = await createCustomer('江苏恒力重工集团有限公司');
  const branch = await createCustomer('江苏恒力重工集团有限公司南京分公司');
  expect((await setParent(branch, hq)).data?.setCustomerParent).toEqual({ id: branch, parent: { id: hq }, group: { id: hq } });

  // Never set: every party is the customer itself.
  expect((await tree(branch))!.orderDefaults).toEqual({ orderingParty: { id: branch }, shipTo: { id: branch }, billTo: { id: branch } });
  const defaults = await graphql<{ setCustomerOrderDefaults: { orderDefaults: Tree['orderDefaults'] } }>(url, SET_DEFAULTS, {
    token: await as(rep),
    variables: { input: { customerId: branch, orderingPartyId: branch, shipToId: branch, billToId: hq } },
  });
  expect(defaults.errors).toBeUndefined();
  expect(defaults.data!.setCustomerOrderDefaults.orderDefaults).toEqual({ orderingParty: { id: branch }, shipTo: { id: branch }, billTo: { id: hq } });
  expect((await tree(hq))!.orderDefaults).toEqual({ orderingParty: { id: hq }, shipTo: { id: hq }, billTo: { id: hq } });
  expect((await eventsFor('customer.order_defaults_set', branch)).map((e) => e.payload)).toEqual([
    { customerId: branch, orderingPartyId: branch, shipToId: branch, billToId: hq },
  ]);

  expect((await setCredit(hq, 'GROUP', '1000000.00')).errors).toBeUndefined();
  const hqOwn = await setCredit(hq, 'CUSTOMER', '600000.00');
  expect(hqOwn.errors).toBeUndefined();
  expect(hqOwn.data!.setCreditLimit).toMatchObject({ creditLimit: '600000.00', groupCredit: { limit: '1000000.00', allocated: '600000.00', members: 2 } });

  // Above what the group allows: refused with the figures, and nothing is written.
  const before = await rowCounts();
  const refused = await setCredit(branch, 'CUSTOMER', '500000.00');
  expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
  expect(refused.errors![0]!.extensions).toMatchObject({
    reason: 'GROUP_CREDIT_EXCEEDED',
    groupId: hq,
    groupLimit: '1000000.00',
    allocated: '600000.00',
    requested: '500000.00',
    wouldBe: '1100000.00',
  });
  for (const figure of ['1000000.00', '600000.00', '500000.00', '1100000.00']) expect(refused.errors![0]!.message).toContain(figure);
  expect(await rowCounts()).toEqual(before);
  expect((await tree(branch))!.creditLimit).toBeNull();

  // Within it: granted, announced and audited.
  const granted = await setCredit(branch, 'CUSTOMER', '400000.00');
  expect(granted.data?.setCreditLimit).toMatchObject({ creditLimit: '400000.00', groupCredit: { limit: '1000000.00', allocated: '1000000.00', members: 2 } });
  expect((await eventsFor('customer.credit_limit_set', branch)).map((e) => e.payload)).toEqual([{ customerId: branch, scope: 'CUSTOMER', limit: '400000.00' }]);
  expect((await eventsFor('customer.credit_limit_set', hq)).map((e) => e.payload)).toEqual([
    { customerId: hq, scope: 'GROUP', limit: '1000000.00' },
    { customerId: hq, scope: 'CUSTOMER', limit: '600000.00' },
  ]);
  const [audit] = await sql<{ action: string; before: unknown; after: unknown; reason: string }>(
    "select action, before, after, reason from audit_entry where subject_id = ? and action = 'customer.credit_limit_set'",
    [branch],
  );
  expect(audit).toEqual({ action: 'customer.credit_limit_set', before: { scope: 'CUSTOMER', limit: null }, after: { scope: 'CUSTOMER', limit: '400000.00' }, reason: '年度授信' });

  // Lowering the group limit below what its members hold is refused too.
  const lowered = await setCredit(hq, 'GROUP', '999999.99');
  expect(refusalOf(lowered)).toMatchObject({ reason: 'GROUP_CREDIT_EXCEEDED', allocated: '1000000.00', requested: '999999.99' });

  // So is moving a customer that holds a limit into the full group.
  const subsidiary = await createCustomer('恒力重工(苏州)有限公司');
  expect((await setCredit(subsidiary, 'CUSTOMER', '0.01')).errors).toBeUndefined();
  const moveBefore = await rowCounts();
  expect(refusalOf(await setParent(subsidiary, hq))).toMatchObject({ reason: 'GROUP_CREDIT_EXCEEDED', groupLimit: '1000000.00', allocated: '1000000.00', requested: '0.01' });
  expect(await rowCounts()).toEqual(moveBefore);
  expect((await tree(subsidiary))!.parent).toBeNull();
});

const refusalOf = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => {
  expect(errorCodes(result as Parameters<typeof errorCodes>[0])).toEqual(['BAD_USER_INPUT']);
  return result.errors![0]!.extensions;
};

it('resolves parent, children, ancestors and group through any depth, and announces every customer whose ancestry changed', async () => {
  const hq = await createCustomer('中联重装集团股份有限公司');
  const subsidiary = await createCustomer('中联重装华东有限公司');
  const branch = await createCustomer('中联重装华东有限公司杭州分公司');
  expect((await setParent(branch, subsidiary)).errors).toBeUndefined();
  // Moving the subsidiary carries the branch with it.
  expect((await setParent(subsidiary, hq)).errors).toBeUndefined();

  const read = (await tree(branch))!;
  expect(read).toMatchObject({ parent: { id: subsidiary }, ancestors: [{ id: hq }, { id: subsidiary }], group: { id: hq } });
  expect((await tree(hq))!).toMatchObject({ parent: null, ancestors: [], group: { id: hq }, children: { edges: [{ node: { id: subsidiary } }], pageInfo: { hasNextPage: false } } });
  expect((await tree(hq))!.groupCredit).toEqual({ limit: null, allocated: '0.00', members: 3 });
  expect((await tree(subsidiary))!.children.edges).toEqual([{ node: { id: branch } }]);

  expect((await eventsFor('customer.hierarchy_changed', branch)).map((e) => e.payload)).toEqual([
    { customerId: branch, parentId: subsidiary, ancestorIds: [subsidiary], groupId: subsidiary },
    { customerId: branch, parentId: subsidiary, ancestorIds: [hq, subsidiary], groupId: hq },
  ]);
  expect((await eventsFor('customer.hierarchy_changed', subsidiary)).map((e) => e.payload)).toEqual([
    { customerId: subsidiary, parentId: hq, ancestorIds: [hq], groupId: hq },
  ]);
  const [audit] = await sql<{ before: unknown; after: unknown }>("select before, after from audit_entry where subject_id = ? and action = 'customer.parent_changed' order by at", [subsidiary]);
  expect(audit).toEqual({ before: { parentId: null, groupId: subsidiary }, after: { parentId: hq, groupId: hq, movedWithIt: 1 } });

  // Detaching the subsidiary makes it the top of its own group again, with the branch under it.
  expect((await setParent(subsidiary, null)).data?.setCustomerParent).toEqual({ id: subsidiary, parent: null, group: { id: subsidiary } });
  expect((await tree(branch))!).toMatchObject({ ancestors: [{ id: subsidiary }], group: { id: subsidiary } });
  expect((await tree(hq))!.children.edges).toEqual([]);
});

it('refuses a cycle: a customer under itself or under one of its descendants, naming both', async () => {
  const top = await createCustomer('徐工机械集团有限公司');
  const middle = await createCustomer('徐工机械江苏销售有限公司');
  const leaf = await createCustomer('徐工机械江苏销售有限公司无锡分公司');
  expect((await setParent(middle, top)).errors).toBeUndefined();
  expect((await setParent(leaf, middle)).errors).toBeUndefined();

  const before = await rowCounts();
  const underDescendant = await setParent(top, leaf);
  expect(refusalOf(underDescendant)).toMatchObject({ reason: 'CUSTOMER_HIERARCHY_CYCLE', customerId: top, parentId: leaf });
  expect(underDescendant.errors![0]!.message).toContain('徐工机械集团有限公司');
  expect(underDescendant.errors![0]!.message).toContain('徐工机械江苏销售有限公司无锡分公司');
  expect(refusalOf(await setParent(middle, middle))).toMatchObject({ reason: 'CUSTOMER_HIERARCHY_CYCLE' });
  expect(await rowCounts()).toEqual(before);
  expect((await tree(top))!.parent).toBeNull();
});

it('keeps order defaults within the group', async () => {
  const hq = await createCustomer('三一重能集团有限公司');
  const stranger = await createCustomer('无关贸易有限公司');
  const refused = await graphql(url, SET_DEFAULTS, {
    token: await as(rep),
    variables: { input: { customerId: hq, orderingPartyId: hq, shipToId: stranger, billToId: hq } },
  });
  expect(refusalOf(refused)).toMatchObject({ reason: 'ORDER_PARTY_OUTSIDE_GROUP', field: 'shipToId' });
});

it('falls back to the customer itself for order defaults that would point outside its group after a move', async () => {
  const hq = await createCustomer('潍柴动力集团有限公司');
  const branch = await createCustomer('潍柴动力集团有限公司济南分公司');
  expect((await setParent(branch, hq)).errors).toBeUndefined();
  const set = await graphql(url, SET_DEFAULTS, { token: await as(rep), variables: { input: { customerId: branch, orderingPartyId: branch, shipToId: branch, billToId: hq } } });
  expect(set.errors).toBeUndefined();
  expect((await setParent(branch, null)).errors).toBeUndefined();
  expect((await tree(branch))!.orderDefaults).toEqual({ orderingParty: { id: branch }, shipTo: { id: branch }, billTo: { id: branch } });
  expect((await eventsFor('customer.order_defaults_set', branch)).map((e) => e.payload)).toEqual([
    { customerId: branch, orderingPartyId: branch, shipToId: branch, billToId: hq },
    { customerId: branch, orderingPartyId: branch, shipToId: branch, billToId: branch },
  ]);
});

it('keeps a group limit on the top of a group, and refuses negative limits', async () => {
  const hq = await createCustomer('陕鼓动力集团有限公司');
  const branch = await createCustomer('陕鼓动力集团有限公司西安分公司');
  expect((await setParent(branch, hq)).errors).toBeUndefined();
  expect(refusalOf(await setCredit(branch, 'GROUP', '100.00'))).toMatchObject({ reason: 'GROUP_LIMIT_NOT_ON_TOP', customerId: branch });
  expect(refusalOf(await setCredit(hq, 'CUSTOMER', '-1.00'))).toMatchObject({ reason: 'NEGATIVE_CREDIT_LIMIT', field: 'limit' });
  // A float never reaches the rules: the Money scalar refuses it.
  expect(errorCodes(await graphql(url, SET_CREDIT, { token: await as(admin), variables: { input: { customerId: hq, scope: 'CUSTOMER', limit: 100.5 } } }))).toEqual(['BAD_USER_INPUT']);
  // The top of a group holding a group limit cannot go under another customer until it is removed.
  expect((await setCredit(hq, 'GROUP', '100.00')).errors).toBeUndefined();
  const other = await createCustomer('别的集团有限公司');
  expect(refusalOf(await setParent(hq, other))).toMatchObject({ reason: 'GROUP_LIMIT_ON_MOVED_TOP', groupLimit: '100.00' });
  expect((await setCredit(hq, 'GROUP', null)).data?.setCreditLimit.groupCredit).toEqual({ limit: null, allocated: '0.00', members: 2 });
  expect((await setParent(hq, other)).data?.setCustomerParent.group).toEqual({ id: other });
  expect((await tree(branch))!).toMatchObject({ ancestors: [{ id: other }, { id: hq }], group: { id: other } });
});

it('lets only admins and managers set credit: a rep is FORBIDDEN and nothing is written', async () => {
  const customerId = await createCustomer('柳工机械股份有限公司');
  const before = await rowCounts();
  expect(errorCodes(await setCredit(customerId, 'CUSTOMER', '1000.00', rep))).toEqual(['FORBIDDEN']);
  expect(await rowCounts()).toEqual(before);
  const manager = person('manager.east.shanghai');
  expect((await setCredit(customerId, 'CUSTOMER', '1000.00', manager)).data?.setCreditLimit.creditLimit).toBe('1000.00');
  expect((await setCredit(customerId, 'CUSTOMER', null, manager)).data?.setCreditLimit.creditLimit).toBeNull();
});

it('hides relatives the actor cannot see, and refuses to link to them (NOT_FOUND)', async () => {
  const foreignHq = await createCustomer('北方重工集团有限公司', outsider);
  const branch = await createCustomer('北方重工上海分公司');
  expect(errorCodes(await setParent(branch, foreignHq))).toEqual(['NOT_FOUND']);
  // An admin, who sees both, links them; the rep then sees the branch but not its HQ.
  expect((await setParent(branch, foreignHq, admin)).errors).toBeUndefined();
  expect((await tree(branch))!).toMatchObject({ parent: null, ancestors: [], group: null });
  expect((await tree(foreignHq, outsider))!.children.edges).toEqual([]);
  expect((await tree(foreignHq, admin))!.children.edges).toEqual([{ node: { id: branch } }]);
});

it('resolves group, ancestors and group credit of many customers in a bounded number of statements', async () => {
  const hq = await createCustomer('批量集团有限公司');
  for (let i = 0; i < 5; i += 1) expect((await setParent(await createCustomer(`批量集团第${i + 1}分公司`), hq)).errors).toBeUndefined();

  const statements: string[] = [];
  const knex = (system.running.customers!.orm.em.getConnection() as unknown as { getKnex(): { on(event: 'query', listener: (query: { sql: string }) => void): void } }).getKnex();
  let counting = false;
  knex.on('query', (query) => {
    if (counting && /\bcustomer/.test(query.sql) && !/outbox_message/.test(query.sql)) statements.push(query.sql);
  });
  const LIST = `query ($first: Int!) { customers(first: $first) { edges { node { id group { id } ancestors { id } groupCredit { allocated } } } } }`;
  const countFor = async (first: number) => {
    // Consumers reacting to the customers created above must not be counted.
    await system.settled();
    statements.length = 0;
    counting = true;
    const read = await graphql<{ customers: { edges: { node: { id: string; group: { id: string } | null; ancestors: { id: string }[] } }[] } }>(url, LIST, {
      token: await as(admin),
      variables: { first },
    });
    counting = false;
    expect(read.errors).toBeUndefined();
    expect(read.data!.customers.edges).toHaveLength(first);
    return { count: statements.length, nodes: read.data!.customers.edges.map((e) => e.node) };
  };
  const few = await countFor(3);
  const many = await countFor(30);
  expect(many.nodes.filter((node) => node.group?.id === hq && node.id !== hq)).toHaveLength(5);
  expect(many.nodes.find((node) => node.group?.id === hq && node.id !== hq)!.ancestors).toEqual([{ id: hq }]);
  // The list, the links, the related customers, the group credit: the same few statements for 3 as for 30.
  expect(many.count).toBeLessThanOrEqual(5);
  expect(many.count).toBe(few.count);
});
