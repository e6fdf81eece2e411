import { customersSubgraph } from '@crm/customers';
import { demoData, type DemoUser } from '@crm/demo-data';
import { Events } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';
import { sweepPools } from '../src/modules/pool';

/**
 * FUN-4 across subgraphs: where a unit enables it, a customer nobody follows drops to funnel's
 * public pool, and claiming it makes the claimant its owner in customers, through customers' own
 * reassignment rule (announced and audited there once), with nobody left as secondary owner.
 */
const clock = new ManualClock('2026-12-03T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const rep = person('rep1.east.shanghai.team1');
const colleague = person('rep2.east.shanghai.team1');
const admin = person('admin');
let system: TestSubgraphs;

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph, funnelSubgraph], { clock, seedDemoData: true });
}, 240_000);

afterAll(async () => system?.stop());

const call = async <T>(subgraph: 'funnel' | 'customers', user: DemoUser, query: string, variables: Record<string, unknown> = {}) =>
  graphql<T>(system.running[subgraph]!.url, query, { token: await system.tokenFor(actorOf(user)), variables });

it("hands a claimed customer to the claimant in customers, once, without its former owner as secondary", async () => {
  const customer = demo.customers.find((c) => c.ownerId === rep.id)!;
  const enabled = await call('funnel', admin, 'mutation ($input: PoolPolicyInput!) { setPoolPolicy(input: $input) { customersEnabled } }', {
    input: { orgUnitId: rep.orgUnitId, customersEnabled: true },
  });
  expect(enabled.data).toEqual({ setPoolPolicy: { customersEnabled: true } });

  clock.set('2026-12-13T02:05:00Z');
  await sweepPools(system.running.funnel!.systemScope());
  const claimed = await call<{ claimPoolRecord: unknown }>('funnel', colleague, 'mutation ($input: PoolRecordInput!) { claimPoolRecord(input: $input) { state owner { id } } }', {
    input: { recordType: 'CUSTOMER', recordId: customer.id },
  });
  expect(claimed.errors).toBeUndefined();
  expect(claimed.data!.claimPoolRecord).toEqual({ state: 'PRIVATE', owner: { id: colleague.id } });
  await system.settled();

  const read = await call<{ customer: { owner: { id: string }; secondaryOwner: { id: string } | null } }>('customers', admin, 'query ($id: ID!) { customer(id: $id) { owner { id } secondaryOwner { id } } }', { id: customer.id });
  expect(read.data!.customer).toEqual({ owner: { id: colleague.id }, secondaryOwner: null });
  const reassigned = (await system.running.customers!.orm.em.fork().getConnection().execute(
    "select envelope -> 'payload' as payload from outbox_message where envelope ->> 'type' = ? and envelope ->> 'key' = ?",
    [Events.CustomerReassigned, customer.id],
  )) as { payload: unknown }[];
  expect(reassigned.map((row) => row.payload)).toEqual([{ customerId: customer.id, fromOwnerId: rep.id, toOwnerId: colleague.id, secondaryOwnerId: null }]);
  // Funnel's entry follows customers' reassignment and stays the claimant's.
  const entry = (await system.running.funnel!.orm.em.fork().getConnection().execute('select state, owner_id from pool_entry where record_id = ?', [customer.id])) as unknown[];
  expect(entry).toEqual([{ state: 'PRIVATE', owner_id: colleague.id }]);
}, 60_000);
