import { demoData } from '@crm/demo-data';
import { AuthKeys } from '@crm/platform';
import { graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { startDemoStack } from './support/demo-stack';

/**
 * The gateway resolves entities in batches (`_entities`); each batch must cost one SQL statement
 * per table, whatever its size, or a page of 100 customers becomes 100 queries per subgraph.
 */
const demo = demoData();
const BATCH = 100;
const statements: { subgraph: string; sql: string }[] = [];
let stack: LocalStack;
let token: string;
/** The demo's orders and payments: funnel seeds them through its rules, so their ids are read back. */
const orderIds: string[] = [];
const paymentIds: string[] = [];

beforeAll(async () => {
  const started = await startDemoStack({ onQuery: (subgraph, sql) => statements.push({ subgraph, sql }) });
  stack = started.stack;
  const keys = started.keys;
  const admin = demo.users[0]!;
  ({ token } = await (await AuthKeys.fromPem(keys)).issueAccessToken({
    userId: admin.id,
    orgUnitId: admin.orgUnitId,
    orgPath: admin.orgPath,
    roles: admin.roles,
  }));
  const funnelIds = async (table: string) =>
    ((await stack.subgraphs.funnel!.orm.em.fork().getConnection().execute(`select id from "${table}" order by id limit ${BATCH}`)) as { id: string }[]).map((row) => row.id);
  orderIds.push(...(await funnelIds('sales_order')));
  paymentIds.push(...(await funnelIds('payment')));
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const customers = () => demo.customers.slice(0, BATCH).map((c) => ({ __typename: 'Customer', id: c.id }));
const users = () => demo.users.slice(0, BATCH).map((u) => ({ __typename: 'User', id: u.id }));

it.each([
  ['identity', 'User', users, '... on User { displayName orgUnit { name } }', ['app_user', 'org_unit']],
  ['customers', 'Customer', customers, '... on Customer { name }', ['customer']],
  ['customers', 'User.customers', users, '... on User { customers(first: 5) { edges { node { id } } } }', ['customer']],
  ['funnel', 'Lead', () => demo.leads.slice(0, BATCH).map((l) => ({ __typename: 'Lead', id: l.id })), '... on Lead { title }', ['lead']],
  ['funnel', 'Customer.leads', customers, '... on Customer { leads(first: 3) { edges { node { id } } } }', ['lead']],
  ['funnel', 'Order', () => orderIds.map((id) => ({ __typename: 'Order', id })), '... on Order { number lines { id } }', ['sales_order', 'sales_order_line']],
  ['funnel', 'Customer.orders', customers, '... on Customer { orders(first: 3) { edges { node { id } } } }', ['sales_order']],
  ['funnel', 'Payment', () => paymentIds.map((id) => ({ __typename: 'Payment', id })), '... on Payment { amount payer { id } }', ['payment']],
  ['service', 'Complaint', () => demo.complaints.slice(0, BATCH).map((c) => ({ __typename: 'Complaint', id: c.id })), '... on Complaint { subject }', ['complaint']],
  ['service', 'Customer.complaints', customers, '... on Customer { complaints { edges { node { id } } } }', ['complaint']],
  ['analytics', 'User.customerCount', users, '... on User { customerCount }', ['owner_customer_count']],
])('%s resolves a batch of %s in one statement per table', async (subgraph, _what, representationsOf, selection, tables) => {
  const representations = representationsOf();
  const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`;
  const statementsTouching = async (batch: unknown[]) => {
    statements.length = 0;
    const response = await graphql<{ _entities: unknown[] }>(stack.subgraphs[subgraph]!.url, query, { token, variables: { representations: batch } });
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toHaveLength(batch.length);
    return tables.map((table) => statements.filter((s) => s.subgraph === subgraph && s.sql.includes(`from "${table}"`)).length);
  };
  // Per-request work (e.g. checking that the actor is still active) is the same for an empty batch.
  const overhead = await statementsTouching([]);
  const forBatch = await statementsTouching(representations);
  expect(representations.length).toBeGreaterThanOrEqual(90);
  expect(forBatch.map((count, i) => count - overhead[i]!)).toEqual(tables.map(() => 1));
});
