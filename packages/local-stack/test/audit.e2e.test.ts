import { demoData } from '@crm/demo-data';
import { errorCodes, graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { signIn, startDemoStack } from './support/demo-stack';

/**
 * PLT-4 through the gateway, as two people use it: a manager hands a customer over and deactivates
 * a rep; the trail names them, carries the client's request id across the gateway, and is readable
 * only by people who can see the subject.
 */
const people = demoData().users;
const person = (handle: string) => people.find((u) => u.email === `${handle}@demo.crm`)!;
const manager = person('manager.east.shanghai');
const leaver = person('rep3.east.shanghai.team2');
const successor = person('rep1.east.shanghai.team2');

let stack: LocalStack;
let url: string;
const tokens: Record<string, string> = {};

const CUSTOMERS_OF = 'query ($id: ID!) { user(id: $id) { customers(first: 1) { edges { node { id } } } } }';
const REASSIGN = 'mutation ($c: ID!, $o: ID!) { reassignCustomer(input: { customerId: $c, ownerId: $o }) { id } }';
const CUSTOMER_TRAIL = 'query ($id: ID!) { customerAuditTrail(id: $id) { edges { node { action actor { id } before after requestId } } } }';
const DEACTIVATE = 'mutation ($u: ID!, $s: ID!) { deactivateUser(input: { userId: $u, successorId: $s }) { active } }';
const USER_TRAIL = 'query ($id: ID!) { userAuditTrail(id: $id) { edges { node { action actor { id } after } } } }';

beforeAll(async () => {
  ({ stack } = await startDemoStack());
  url = stack.gateway.url;
  for (const handle of ['manager.east.shanghai', 'rep1.east.shanghai.team2', 'rep1.north.beijing.team1']) tokens[handle] = (await signIn(stack, handle)).accessToken;
}, 180_000);

afterAll(async () => stack?.stop());

it("records a hand-over with the client's request id, readable by the new owner and hidden from others", async () => {
  const owned = await graphql<{ user: { customers: { edges: { node: { id: string } }[] } } }>(url, CUSTOMERS_OF, {
    token: tokens['manager.east.shanghai'],
    variables: { id: leaver.id },
  });
  const customerId = owned.data!.user.customers.edges[0]!.node.id;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens['manager.east.shanghai']}`, 'x-request-id': 'support-ticket-4711' },
    body: JSON.stringify({ query: REASSIGN, variables: { c: customerId, o: successor.id } }),
  });
  expect(response.headers.get('x-request-id')).toBe('support-ticket-4711');
  expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();

  const trail = await graphql<{ customerAuditTrail: { edges: { node: Record<string, unknown> }[] } }>(url, CUSTOMER_TRAIL, {
    token: tokens['rep1.east.shanghai.team2'],
    variables: { id: customerId },
  });
  expect(trail.data?.customerAuditTrail.edges[0]?.node).toMatchObject({
    action: 'customer.reassigned',
    actor: { id: manager.id },
    before: { ownerId: leaver.id },
    after: { ownerId: successor.id, secondaryOwnerId: leaver.id },
    requestId: 'support-ticket-4711',
  });
  expect(errorCodes(await graphql(url, CUSTOMER_TRAIL, { token: tokens['rep1.north.beijing.team1'], variables: { id: customerId } }))).toEqual(['NOT_FOUND']);
});

it('records a deactivation in the person’s trail, for the managers who reach them only', async () => {
  const done = await graphql(url, DEACTIVATE, { token: tokens['manager.east.shanghai'], variables: { u: leaver.id, s: successor.id } });
  expect(done.errors).toBeUndefined();
  const trail = await graphql<{ userAuditTrail: { edges: { node: { action: string; actor: { id: string }; after: Record<string, unknown> } }[] } }>(url, USER_TRAIL, {
    token: tokens['manager.east.shanghai'],
    variables: { id: leaver.id },
  });
  const deactivation = trail.data?.userAuditTrail.edges.find((e) => e.node.action === 'user.deactivated')?.node;
  expect(deactivation).toMatchObject({ actor: { id: manager.id }, after: { successorId: successor.id } });
  expect(errorCodes(await graphql(url, USER_TRAIL, { token: tokens['rep1.north.beijing.team1'], variables: { id: leaver.id } }))).toEqual(['NOT_FOUND']);
});
