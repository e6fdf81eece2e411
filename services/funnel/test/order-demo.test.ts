import { customersSubgraph } from '@crm/customers';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { Money, ManualClock, type Actor } from '@crm/platform';
import { graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';
import { seedDemoOrders } from '../src/demo/order-demo';

/**
 * Issue 14's demo year of orders and money, seeded by funnel's demo seed after identity's and
 * customers' (so its replicas know the demo customers and groups), as a user then sees it.
 */
const clock = new ManualClock('2026-12-14T02:00:00Z');
const TODAY = '2026-12-14';
const demo = demoData();
const admin = demo.users.find((user) => user.email === 'admin@demo.crm')!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
let system: TestSubgraphs;

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph, funnelSubgraph], { clock, seedDemoData: true });
}, 300_000);

afterAll(async () => system?.stop());

const rows = async <T>(sql: string, params: unknown[] = []) => (await system.running.funnel!.orm.em.fork().getConnection().execute(sql, params)) as T[];

async function asAdmin<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await graphql<T>(system.running.funnel!.url, query, { token: await system.tokenFor(actorOf(admin)), variables });
  expect(response.errors).toBeUndefined();
  return response.data!;
}

it('spreads about 130 orders over the last twelve months, quiet at Spring Festival and busiest at year end', async () => {
  const months = await rows<{ month: number; orders: number }>(
    `select extract(month from placed_on)::int as month, count(*)::int as orders from sales_order where placed_on is not null group by 1 order by 1`,
  );
  const byMonth = new Map(months.map((row) => [row.month, row.orders]));
  const total = months.reduce((sum, row) => sum + row.orders, 0);
  expect(total).toBeGreaterThanOrEqual(120);
  expect(total).toBeLessThanOrEqual(160);
  expect(byMonth.size).toBeGreaterThanOrEqual(10);
  expect(byMonth.get(11)!).toBeGreaterThan(byMonth.get(2) ?? 0);
  expect(byMonth.get(12)!).toBeGreaterThan(byMonth.get(2) ?? 0);
  const [range] = await rows<{ first: string; last: string }>(`select min(placed_on)::text as first, max(placed_on)::text as last from sales_order`);
  expect(range!.first >= '2025-12-14' && range!.last < TODAY).toBe(true);
});

it('ships most orders, takes some goods back and sells warranties with their equipment at negotiated prices too', async () => {
  const [figures] = await rows<{ orders: number; shipped: number; returns: number; partial: number; attached: number; negotiated: number; customers: number; reps: number }>(
    `select (select count(*) from sales_order)::int as orders,
            (select count(*) from sales_order where shipped_at is not null)::int as shipped,
            (select count(*) from sales_order_return)::int as returns,
            (select count(*) from sales_order_return r where exists (select 1 from sales_order_line l where l.order_id = r.order_id and l.returned_quantity < l.quantity))::int as partial,
            (select count(*) from sales_order_line where main_line_id is not null)::int as attached,
            (select count(*) from sales_order_line where unit_price < book_price)::int as negotiated,
            (select count(distinct customer_id) from sales_order)::int as customers,
            (select count(distinct rep_id) from sales_order_line)::int as reps`,
  );
  expect(figures!.shipped / figures!.orders).toBeGreaterThan(0.8);
  expect(figures!.returns).toBeGreaterThanOrEqual(3);
  expect(figures!.partial).toBeGreaterThanOrEqual(1);
  expect(figures!.attached).toBeGreaterThan(0);
  expect(figures!.negotiated).toBeGreaterThan(0);
  expect(figures!.customers).toBeGreaterThan(50);
  expect(figures!.reps).toBeGreaterThan(30);
});

it('leaves some receivables overdue, and most orders paid, which made customers active', async () => {
  const { overdueOrders } = await asAdmin<{ overdueOrders: { edges: { node: { daysOverdue: number; order: { openAmount: string; dueOn: string; placedOn: string } } }[] } }>(
    'query { overdueOrders(first: 100) { edges { node { daysOverdue order { openAmount dueOn placedOn } } } } }',
  );
  const overdue = overdueOrders.edges.map((edge) => edge.node);
  expect(overdue.length).toBeGreaterThanOrEqual(3);
  for (const { order, daysOverdue } of overdue) {
    expect(Money.of(order.openAmount).compare(Money.zero)).toBe(1);
    expect(order.dueOn < TODAY).toBe(true);
    expect(daysOverdue).toBeGreaterThan(0);
  }
  const [paid] = await rows<{ paid: number; orders: number; payments: number; split: number; active: number; firstPaid: number }>(
    `select (select count(*) from sales_order where fully_paid_on is not null)::int as paid,
            (select count(*) from sales_order)::int as orders,
            (select count(*) from payment)::int as payments,
            (select count(*) from (select order_id from payment_allocation group by order_id having count(*) > 1) s)::int as split,
            (select count(*) from customer_lifecycle where status = 'ACTIVE' and active_since is not null)::int as active,
            (select count(*) from outbox_message where envelope->>'type' = 'customer.first_paid')::int as "firstPaid"`,
  );
  expect(paid!.paid / paid!.orders).toBeGreaterThan(0.6);
  expect(paid!.split).toBeGreaterThan(0);
  expect(paid!.active).toBeGreaterThan(10);
  expect(paid!.firstPaid).toBe(paid!.active);
});

it('brings two groups close to, and within, their group limit by their open orders', async () => {
  const ratios: number[] = [];
  for (const group of demo.customerGroups) {
    const { receivables } = await asAdmin<{ receivables: { group: { openAmount: string } | null } }>('query ($id: ID!) { receivables(customerId: $id) { group { openAmount } } }', { id: group.topId });
    const open = Money.of(receivables.group!.openAmount);
    ratios.push(Number(open.ratio(Money.of(group.groupLimit))));
  }
  const nearCap = ratios.filter((ratio) => ratio >= 0.8 && ratio <= 1);
  expect(nearCap).toHaveLength(2);
  expect(ratios.every((ratio) => ratio <= 1)).toBe(true);
});

it('adds nothing when seeded again', async () => {
  const count = async () => (await rows<{ n: number }>('select ((select count(*) from sales_order) + (select count(*) from payment) + (select count(*) from sales_order_return))::int as n'))[0]!.n;
  const before = await count();
  await funnelSubgraph.seedDemoData!(system.running.funnel!.systemScope());
  expect(await seedDemoOrders(system.running.funnel!.systemScope())).toBeNull();
  expect(await count()).toBe(before);
});
