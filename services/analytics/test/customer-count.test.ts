import { customersSubgraph } from '@crm/customers';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import type { Actor } from '@crm/platform';
import { graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { analyticsSubgraph } from '../src';

/**
 * analytics' projection of customers' events: a person's customer count follows customers being
 * created and handed over, as the customers subgraph announces them.
 */
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const demoCountOf = (user: DemoUser) => demo.customers.filter((c) => c.ownerId === user.id).length;

const rep = person('rep1.east.shanghai.team1');
const colleague = person('rep2.east.shanghai.team1');
const teamLead = person('lead.east.shanghai.team1');
const manager = person('manager.east.shanghai');

let system: TestSubgraphs;
const as = (user: DemoUser) => system.tokenFor(actorOf(user));

const COUNTS = 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id customerCount } } }';

/** What analytics answers, as the gateway would ask it for these people's customerCount. */
async function customerCounts(...users: DemoUser[]): Promise<(number | null)[]> {
  const response = await graphql<{ _entities: { customerCount: number | null }[] }>(system.running.analytics!.url, COUNTS, {
    token: await as(manager),
    variables: { reps: users.map((u) => ({ __typename: 'User', id: u.id })) },
  });
  expect(response.errors).toBeUndefined();
  return response.data!._entities.map((e) => e.customerCount);
}

async function customersWrite<T>(query: string, user: DemoUser, input: Record<string, unknown>): Promise<T> {
  const response = await graphql<T>(system.running.customers!.url, query, { token: await as(user), variables: { input } });
  expect(response.errors).toBeUndefined();
  return response.data!;
}

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph, analyticsSubgraph], { seedDemoData: true });
}, 180_000);

afterAll(async () => system?.stop());

it("starts from the demo customers' owners", async () => {
  expect(demoCountOf(rep)).toBeGreaterThan(0);
  expect(await customerCounts(rep, colleague)).toEqual([demoCountOf(rep), demoCountOf(colleague)]);
});

it('counts a new customer for its owner, and moves it with a hand-over', async () => {
  const created = await customersWrite<{ createCustomer: { id: string } }>(
    'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
    rep,
    { name: '上海恒通电子有限公司', kind: 'COMPANY' },
  );
  await system.settled();
  expect(await customerCounts(rep, colleague)).toEqual([demoCountOf(rep) + 1, demoCountOf(colleague)]);

  await customersWrite('mutation ($input: ReassignCustomerInput!) { reassignCustomer(input: $input) { id } }', teamLead, {
    customerId: created.createCustomer.id,
    ownerId: colleague.id,
  });
  await system.settled();
  expect(await customerCounts(rep, colleague)).toEqual([demoCountOf(rep), demoCountOf(colleague) + 1]);
});

it('shows nothing to people outside the part of the organisation the figure belongs to', async () => {
  const response = await graphql<{ _entities: { customerCount: number | null }[] }>(system.running.analytics!.url, COUNTS, {
    token: await as(person('rep1.north.beijing.team1')),
    variables: { reps: [{ __typename: 'User', id: rep.id }] },
  });
  expect(response.data?._entities).toEqual([{ id: rep.id, customerCount: null }]);
});
