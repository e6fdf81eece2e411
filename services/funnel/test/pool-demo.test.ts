import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { createScope, ManualClock, type Actor } from '@crm/platform';
import { graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';
import { seedDemoPools } from '../src/demo/pool-demo';

/**
 * FUN-4's demo, seeded in the same transaction as the demo opportunities (as funnel's seed runs
 * it): Shanghai opportunities in the public pool, one rep a record short of capacity with two
 * records about to drop, and each of them untouched by the conversion events that follow.
 */
const clock = new ManualClock('2026-12-03T02:00:00Z');
const demo = demoData();
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
let system: TestSubgraphs;

const withPools = {
  ...funnelSubgraph,
  seedDemoData: (scope: Parameters<NonNullable<typeof funnelSubgraph.seedDemoData>>[0], seededWith?: readonly string[]) =>
    scope.em.transactional(async (em) => {
      const tx = createScope({ ...scope, em });
      await funnelSubgraph.seedDemoData!(tx, seededWith);
      await seedDemoPools(tx);
    }),
};

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, withPools], { clock, seedDemoData: true });
}, 180_000);

afterAll(async () => system?.stop());

const rows = async <T>(sql: string) => (await system.running.funnel!.orm.em.fork().getConnection().execute(sql)) as T[];

it('shows Shanghai opportunities in the public pool to a Shanghai rep, not to a Beijing one', async () => {
  const publicIds = async (handle: string) => {
    const user = demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
    const response = await graphql<{ publicPool: { edges: { node: { recordId: string; dropReason: string } }[] } }>(system.running.funnel!.url, 'query { publicPool(first: 100) { edges { node { recordId dropReason } } } }', {
      token: await system.tokenFor(actorOf(user)),
    });
    expect(response.errors).toBeUndefined();
    return response.data!.publicPool.edges.map((edge) => edge.node);
  };
  const inShanghai = await publicIds('rep1.east.shanghai.team1');
  expect(inShanghai).toHaveLength(3);
  expect(inShanghai.every((entry) => entry.dropReason === 'NO_FOLLOW_UP')).toBe(true);
  expect(await publicIds('rep1.north.beijing.team1')).toEqual([]);
});

it('leaves one rep a record short of capacity, two of their records about to drop and reminded', async () => {
  const [load] = await rows<{ capacity: number; held: number; warned: number }>(
    `select r.capacity, count(e.id)::int as held, count(e.id) filter (where e.warned_drops_at = e.drops_at)::int as warned
       from pool_rep_capacity r join pool_entry e on e.owner_id = r.user_id and e.state = 'PRIVATE' group by r.capacity`,
  );
  expect(load!.capacity).toBe(load!.held + 1);
  expect(load!.warned).toBe(2);
});
