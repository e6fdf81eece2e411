import { customersSubgraph } from '@crm/customers';
import { demoData } from '@crm/demo-data';
import { InProcessEventBus, pendingOutboxCount } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { AuthKeys, createLogger, newId, startSubgraph, type RunningSubgraph, type SubgraphDefinition } from '@crm/platform';
import { serviceSubgraph } from '@crm/service';
import { errorCodes, eventually, graphql, testDatabaseUrl, uniqueDatabasePrefix } from '@crm/testing';

/**
 * A subgraph added to a running system starts with empty replicas. With the in-process transport it
 * replays every owner's retained outbox log from the beginning; until a person has arrived in its
 * replica, their token alone gets them nothing there.
 */
const logger = createLogger('replay-test', 'error');
const prefix = uniqueDatabasePrefix();
const bus = new InProcessEventBus(logger);
const running: RunningSubgraph[] = [];
let auth: AuthKeys;

async function start(definition: SubgraphDefinition): Promise<RunningSubgraph> {
  const subgraph = await startSubgraph(definition, { databaseUrl: testDatabaseUrl(`${prefix}${definition.name}`), port: 0, bus, auth, logger });
  running.push(subgraph);
  return subgraph;
}

const count = async (subgraph: RunningSubgraph, table: string) =>
  ((await subgraph.orm.em.fork().getConnection().execute(`select count(*)::int as n from ${table}`)) as { n: number }[])[0]!.n;

beforeAll(async () => {
  auth = await AuthKeys.fromPem(await AuthKeys.generatePem());
});

afterAll(async () => {
  await bus.stop();
  await Promise.all(running.map((s) => s.stop()));
});

it("fills a newly added subgraph's replicas from the other subgraphs' logs, from the beginning", async () => {
  const identity = await start(identitySubgraph);
  const customers = await start(customersSubgraph);
  await identitySubgraph.seedDemoData!(identity.systemScope());
  await eventually(async () => expect(await count(customers, 'directory_user')).toBe(await count(identity, 'app_user')));
  await customersSubgraph.seedDemoData!(customers.systemScope());
  await eventually(async () => expect(await pendingOutboxCount(customers.orm)).toBe(0));

  const service = await start(serviceSubgraph);

  await eventually(async () => {
    expect(await count(service, 'directory_user')).toBe(await count(identity, 'app_user'));
    expect(await count(service, 'directory_org_unit')).toBe(await count(identity, 'org_unit'));
    expect(await count(service, 'customer_owner')).toBe(await count(customers, 'customer'));
    expect(await bus.lag()).toBe(0);
  }, 60_000);
  expect(await count(service, 'customer_owner')).toBe(demoData().customers.length);
}, 120_000);

it('asks a person the replica does not know yet to retry, rather than trusting their token', async () => {
  const service = running.find((s) => s.name === 'service')!;
  const stranger = await auth.issueAccessToken({ userId: newId(), orgUnitId: newId(), orgPath: 'hq', roles: ['ADMIN'] });
  const response = await graphql(service.url, '{ _service { sdl } }', { token: stranger.token });
  expect(errorCodes(response)).toEqual(['NOT_READY']);
  expect(response.errors![0]!.message).toContain('has not received your account from identity yet');
});
