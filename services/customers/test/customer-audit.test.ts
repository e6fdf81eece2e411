import { customersSubgraph } from '../src';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';

/**
 * The customers subgraph on its own (with identity, whose people it replicates): creating stamps the
 * injectable clock's time, hand-overs and sharing leave audit entries (PLT-4) that only people who
 * see the customer can read, and a refused write leaves nothing behind.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');
const people = demoData().users;
const person = (email: string): DemoUser => people.find((p) => p.email === `${email}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const rep = person('rep1.east.shanghai.team1');
const colleague = person('rep2.east.shanghai.team1');
const lead = person('lead.east.shanghai.team1');
const outsider = person('rep1.north.beijing.team1');

let system: TestSubgraphs;
let url: string;
const as = async (user: DemoUser) => system.tokenFor(actorOf(user));

const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id createdAt owner { id } } }`;
const REASSIGN = `mutation ($input: ReassignCustomerInput!) { reassignCustomer(input: $input) { id owner { id } secondaryOwner { id } } }`;
const TRAIL = `query ($id: ID!) { customerAuditTrail(id: $id) { edges { node { action at actor { id } before after requestId } } } }`;

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph], { clock, seedDemoData: true });
  url = system.running.customers!.url;
}, 120_000);

afterAll(async () => system?.stop());

async function createCustomer(name: string): Promise<string> {
  const created = await graphql<{ createCustomer: { id: string; createdAt: string } }>(url, CREATE, {
    token: await as(rep),
    variables: { input: { name, kind: 'COMPANY' } },
  });
  expect(created.errors).toBeUndefined();
  return created.data!.createCustomer.id;
}

it('stamps a new customer with the injectable clock, not the wall clock', async () => {
  clock.set('2026-11-25T03:30:00Z');
  const created = await graphql<{ createCustomer: { createdAt: string } }>(url, CREATE, {
    token: await as(rep),
    variables: { input: { name: '上海宏达贸易有限公司', kind: 'COMPANY' } },
  });
  expect(created.data?.createCustomer.createdAt).toBe('2026-11-25T03:30:00.000Z');
});

it("records a hand-over in the customer's audit trail: who, when, before, after, the request", async () => {
  const customerId = await createCustomer('杭州云帆科技有限公司');
  clock.set('2026-11-26T01:15:00Z');
  const reassigned = await graphql(url, REASSIGN, {
    token: await as(lead),
    variables: { input: { customerId, ownerId: colleague.id } },
    headers: { 'x-request-id': 'req-reassign-1' },
  });
  expect(reassigned.errors).toBeUndefined();

  const trail = await graphql<{ customerAuditTrail: { edges: { node: Record<string, unknown> }[] } }>(url, TRAIL, {
    token: await as(colleague),
    variables: { id: customerId },
  });
  expect(trail.data?.customerAuditTrail.edges.map((e) => e.node)).toEqual([
    {
      action: 'customer.reassigned',
      at: '2026-11-26T01:15:00.000Z',
      actor: { id: lead.id },
      before: { ownerId: rep.id, secondaryOwnerId: null },
      after: { ownerId: colleague.id, secondaryOwnerId: rep.id },
      requestId: 'req-reassign-1',
    },
  ]);
});

it('answers NOT_FOUND for the trail of a customer the actor cannot see, exactly as for one that does not exist', async () => {
  const customerId = await createCustomer('南京金陵物流有限公司');
  const hidden = await graphql(url, TRAIL, { token: await as(outsider), variables: { id: customerId } });
  const missing = await graphql(url, TRAIL, { token: await as(outsider), variables: { id: '0199a000-0000-7000-8000-00000000dead' } });
  expect(errorCodes(hidden)).toEqual(['NOT_FOUND']);
  expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
  expect(hidden.errors?.[0]?.message.replace(customerId, 'ID')).toBe(missing.errors?.[0]?.message.replace('0199a000-0000-7000-8000-00000000dead', 'ID'));
});

it('refuses a hand-over by a rep with FORBIDDEN and leaves no owner change and no audit entry', async () => {
  const customerId = await createCustomer('苏州工业园区博远电子有限公司');
  const refused = await graphql(url, REASSIGN, { token: await as(rep), variables: { input: { customerId, ownerId: colleague.id } } });
  expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
  const trail = await graphql<{ customerAuditTrail: { edges: unknown[] } }>(url, TRAIL, { token: await as(rep), variables: { id: customerId } });
  expect(trail.data?.customerAuditTrail.edges).toEqual([]);
});
