// Issue 14's order goals (FUN-11, CUS-4, ANA-3) as a client meets them: GraphQL over HTTP to a
// funnel subgraph, with seeded reps' tokens. Its database is seeded straight in (set-based SQL):
// 4 reps with ~50 customers each, in groups with CUSTOMER and GROUP credit limits (one group shared
// by all four, so its credit lock is contended), 2 product lines with price books, and ~200,000
// orders, one group top's 10,000-order history among them. Timed: 1,000 orders of 5 lines placed
// (createOrder, place: true) by one client, then by 4 at once; previewOrder; a customer's open
// exposure (Customer.credit via _entities: the credit check's own read).
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { funnelSubgraph } from '@crm/funnel';
import { AuthKeys, createLogger, newId, startSubgraph, type Actor, type AuthKeyPem, type RunningSubgraph } from '@crm/platform';
import { Client } from 'pg';
import { postgresCpuSeconds, type Postgres } from './infra';
import { percentile } from './pipeline';

export const PLACED_ORDERS = 1_000;
const CLIENTS = 4;
const PREVIEWS = 2_000;
const EXPOSURE_READS = 2_000;
const HISTORY_ORDERS = 10_000;
const HISTORY_OPEN = 50;
const ALL_ORDERS = 200_000;
const CUSTOMERS = 200;
const GROUPS = 20;
const GROUP_SIZE = 5; // the top and 4 members
/** Every 10th order of each rep goes to its member of the shared group: ~100 orders queue on its lock. */
const SHARED_GROUP_EVERY = 10;
const REFUSING = 5; // standalone customers whose own limit refuses every order
const GOALS = { placeSeconds: 10, previewP99Ms: 30, exposureP99Ms: 10 };

const CREATE = 'mutation ($input: OrderInput!) { createOrder(input: $input) { id status } }';
const PREVIEW = 'query ($input: OrderInput!) { previewOrder(input: $input) { amount margin creditCheck { withinLimits } } }';
const EXPOSURE = 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { credit { limits { scope exposure } } } } }';

export type Row = { measure: string; figure: string; goal: string; met?: boolean };
type Seeded = Awaited<ReturnType<typeof seedCustomers>> & Awaited<ReturnType<typeof seedCatalogue>>;

const urlOf = (serverUrl: string, database: string) => Object.assign(new URL(serverUrl), { pathname: `/${database}` }).href;

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: urlOf(serverUrl, 'postgres') });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const thousands = (n: number) => Math.round(n).toLocaleString('en');

/** Customer n's owner: group 0's members belong to every rep in turn (the shared group), other groups to one rep each. */
const ownerOf = (n: number) => (n < GROUP_SIZE || n >= GROUPS * GROUP_SIZE ? n % CLIENTS : Math.floor(n / GROUP_SIZE) % CLIENTS);

/** The directory (4 reps in one team, line B mapped to rep 1) and the customers' replica. */
async function seedCustomers(client: Client) {
  const unitId = newId();
  const teamId = newId();
  const orgPath = 'hq.east.shanghai.team1';
  const reps: Actor[] = Array.from({ length: CLIENTS }, () => ({ userId: newId(), orgUnitId: unitId, orgPath, roles: ['REP'], teamIds: [teamId] }));
  const repIds = reps.map((rep) => rep.userId);
  await client.query('insert into directory_org_unit (id, path) values ($1, $2)', [unitId, orgPath]);
  await client.query(
    `insert into directory_user (id, display_name, org_unit_id, org_path, active, roles, supports) select id, 'bench rep', $2, $3, true, '{REP}', '{}' from unnest($1::uuid[]) id`,
    [repIds, unitId, orgPath],
  );
  await client.query('insert into directory_sales_team (id, leader_id) values ($1, $2)', [teamId, repIds[0]]);
  await client.query('insert into directory_team_member (team_id, user_id) select $1, u from unnest($2::uuid[]) u', [teamId, repIds]);
  await client.query(`insert into directory_product_line_rep (team_id, product_line, user_id) values ($1, 'LINE-B', $2)`, [teamId, repIds[1]]);

  // Every 4th customer is shared by the team, so its line-B lines are credited to rep 1.
  const customers = Array.from({ length: CUSTOMERS }, newId);
  await client.query(
    `insert into customer_owner (customer_id, owner_id, secondary_owner_id, sales_team_id)
     select c, o, null, case when n % 4 = 0 then $3::uuid end from unnest($1::uuid[], $2::uuid[]) with ordinality as t(c, o, n)`,
    [customers, customers.map((_, n) => repIds[ownerOf(n)]), teamId],
  );
  // Groups: blocks of GROUP_SIZE, the first the top; members bill to the top.
  const groupOf = (n: number) => customers[n - (n % GROUP_SIZE)]!;
  const grouped = customers.slice(0, GROUPS * GROUP_SIZE);
  const tops = grouped.filter((_, n) => n % GROUP_SIZE === 0);
  await client.query(
    `with h as (insert into customer_hierarchy_replica (customer_id, parent_id, ancestor_ids, group_id)
                select c, nullif(g, c), case when g = c then '{}'::uuid[] else array[g] end, g from unnest($1::uuid[], $2::uuid[]) as t(c, g) returning customer_id c, group_id g)
     insert into customer_order_parties_replica (customer_id, ordering_party_id, ship_to_id, bill_to_id) select c, c, c, g from h where c <> g`,
    [grouped, grouped.map((_, n) => groupOf(n))],
  );
  // Limits far above what the bench adds up to, but for the refusing few.
  const refusing = customers.slice(CUSTOMERS - REFUSING);
  await client.query(
    `insert into customer_credit_limit_replica (customer_id, scope, amount)
     select c, 'CUSTOMER', 100000000.00 from unnest($1::uuid[]) c
     union all select c, 'GROUP', 500000000.00 from unnest($2::uuid[]) c
     union all select c, 'CUSTOMER', 1.00 from unnest($3::uuid[]) c`,
    [[...grouped, ...customers.slice(GROUPS * GROUP_SIZE, GROUPS * GROUP_SIZE + 40)], tops, refusing],
  );
  // customersOf: each rep's own customers, its member of the shared group first (rep 0 owns member 4 and the top).
  // historyTop: the group top with the long history; historyRep: the rep who owns it.
  const customersOf = reps.map((_, r) => {
    const shared = customers[r === 0 ? GROUP_SIZE - 1 : r]!;
    return [shared, ...customers.filter((c, n) => ownerOf(n) === r && c !== shared)];
  });
  return { reps, customersOf, refusing: new Set(refusing), historyTop: tops[1]!, historyRep: ownerOf(GROUP_SIZE), bookGroups: tops.slice(0, GROUPS / 4) };
}

/** 2 lines × (9 products + 1 warranty), a general price book for half the products and group books for a quarter of the groups. */
async function seedCatalogue(client: Client, groupTops: string[]) {
  const [lineA, lineB, generalBook] = [newId(), newId(), newId()];
  await client.query(`insert into product_line (id, code, name, created_at, updated_at) values ($1, 'LINE-A', '数控机床', now(), now()), ($2, 'LINE-B', '耗材', now(), now())`, [lineA, lineB]);
  const products = Array.from({ length: 18 }, newId);
  const warranty = newId();
  await client.query(
    `insert into product (id, sku, name, unit, line_id, category_id, kind, standard_cost, list_price, active, attachable_to_ids, created_at, updated_at)
     select id, 'SKU-' || n, '产品 ' || n, '台', case when n <= 9 then $2::uuid else $3::uuid end, null::uuid, 'PRODUCT', (60 + n * 7)::numeric(18,2), (100 + n * 11)::numeric(18,2), true, '[]'::jsonb, now(), now()
       from unnest($1::uuid[]) with ordinality as t(id, n)
     union all
     select w, 'SKU-W' || k, '延保 ' || k, '年', $2, null, 'WARRANTY', 30.00, 80.00, true, to_jsonb($4::text[]), now(), now() from unnest($5::uuid[]) with ordinality as w(w, k)`,
    [products, lineA, lineB, products.slice(0, 9), [warranty]],
  );
  const groupBooks = groupTops.map(() => newId());
  await client.query(
    `insert into price_book (id, name, valid_from, valid_to, customer_group_id, created_at)
     select b, case when g is null then 'general' else 'group' end, current_date - 365, current_date + 365, g, now() from unnest($1::uuid[], $2::uuid[]) as t(b, g)`,
    [[generalBook, ...groupBooks], [null, ...groupTops]],
  );
  await client.query(
    `insert into price_book_entry (id, price_book_id, product_id, price, valid_from, recorded_at, recorded_by_id)
     select gen_random_uuid(), $1, p, (95 + n * 10)::numeric(18,2), current_date - 30, now(), null::uuid from unnest($2::uuid[]) with ordinality as t(p, n) where n % 2 = 0
     union all
     select gen_random_uuid(), b, p, (90 + n * 10)::numeric(18,2), current_date - 10, now(), null::uuid from unnest($3::uuid[]) b cross join unnest($2::uuid[]) with ordinality as t(p, n) where n % 3 = 0`,
    [generalBook, products, groupBooks],
  );
  return { products, warranty };
}

/** 10,000 orders billed to `customerId` (50 still owed), other parties' orders up to ALL_ORDERS (3 % owed); no lines: the exposure reads orders only. */
async function insertHistory(client: Client, customerId: string, createdById: string): Promise<void> {
  const insert = (prefix: string, count: number, select: string, params: unknown[]) =>
    client.query(
      `insert into sales_order (id, number, status, customer_id, ship_to_id, bill_to_id, payment_term_days, amount, cost, paid_amount, open_amount,
                                created_by_id, created_at, placed_at, placed_on, due_on, fully_paid_on)
       select gen_random_uuid(), '${prefix}' || lpad(n::text, 9, '0'), case when owed then 'SHIPPED' else 'COMPLETED' end, b, b, b, 30,
              a, round(a * 0.6, 2), case when owed then 0 else a end, case when owed then a else 0 end,
              $2::uuid, t, t, (t at time zone 'Asia/Shanghai')::date, (t at time zone 'Asia/Shanghai')::date + 30,
              case when owed then null else (t at time zone 'Asia/Shanghai')::date + 20 end
         from generate_series(1, $1::int) n,
              lateral (select ${select}, (100 + (n * 37) % 9000)::numeric(18,2) as a, now() - (n % 1500) * interval '1 day' as t) v`,
      [count, createdById, ...params],
    );
  await insert('HC', HISTORY_ORDERS, '$3::uuid as b, n <= $4::int as owed', [customerId, HISTORY_OPEN]);
  await insert('HO', ALL_ORDERS - HISTORY_ORDERS, `md5('bench-party-' || (n % 20000))::uuid as b, (n % 1000) < 30 as owed`, []);
  await client.query('vacuum analyze');
}

type Gql = (query: string, variables: Record<string, unknown>) => Promise<{ errors?: { extensions?: { reason?: string } }[] }>;

/** A rep's client: GraphQL over HTTP with its bearer token; errors other than a credit refusal throw. */
const clientFor = (url: string, token: string): Gql => async (query, variables) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as Awaited<ReturnType<Gql>>;
  if (body.errors?.some((error) => error.extensions?.reason !== 'CREDIT_LIMIT_EXCEEDED')) throw new Error(`${query.slice(0, 30)}…: ${JSON.stringify(body.errors[0])}`);
  return body;
};

/** Rep r's k-th order: 5 lines from both product lines, the first with a warranty sold with it; every 10th for its shared-group customer. */
function orderInput(seeded: Seeded, r: number, k: number, place: boolean) {
  const own = seeded.customersOf[r]!;
  const customerId = k % SHARED_GROUP_EVERY === 0 ? own[0]! : own[1 + (k % (own.length - 1))]!;
  const i = k * CLIENTS + r;
  const { products } = seeded;
  const lines = [
    { productId: products[i % 9]!, quantity: 1 + (i % 5) },
    { productId: products[(i * 7 + 5) % 18]!, quantity: 1 + ((i + 1) % 5) },
    { productId: products[(i * 7 + 10) % 18]!, quantity: 1 + ((i + 2) % 5) },
    { productId: products[9 + (i % 9)]!, quantity: 1 + ((i + 3) % 5) },
    { productId: seeded.warranty, quantity: 1, mainLine: 0 },
  ];
  return { input: { customerId, lines, place } };
}

/** `calls` calls one after another: p50, p99 in ms. */
async function timed(calls: number, call: (i: number) => Promise<unknown>, latencies: number[] = []) {
  for (let i = 0; i < calls; i += 1) {
    const began = performance.now();
    await call(i);
    latencies.push(performance.now() - began);
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Places the reps' orders [from, to), rep by rep in turn, each through its own client; how many a limit refused. */
async function place(clients: Gql[], seeded: Seeded, reps: number[], from: number, to: number, latencies: number[] = []): Promise<number> {
  let refused = 0;
  await timed((to - from) * reps.length, async (i) => {
    const [r, k] = [reps[i % reps.length]!, from + Math.floor(i / reps.length)];
    if ((await clients[r]!(CREATE, orderInput(seeded, r, k, true))).errors) refused += 1;
  }, latencies);
  return refused;
}

/** CPU seconds so far of this process (the subgraph and its clients) and of PostgreSQL's: where a placement's time goes on a small machine. */
function cpuSeconds(postgres: Postgres) {
  const { user, system } = process.cpuUsage();
  return { node: (user + system) / 1e6, postgres: postgres.postmasterPid ? (postgresCpuSeconds(postgres.postmasterPid) ?? NaN) : NaN };
}

/** The same 1,000 orders' worth (rep by rep in turn, orders [from, from + 250) each), by one client or by each rep's own at once. */
async function placeOrders(postgres: Postgres, clients: Gql[], seeded: Seeded, from: number, concurrent: boolean) {
  const latencies: number[] = [];
  const perRep = PLACED_ORDERS / CLIENTS;
  const reps = [...clients.keys()];
  const cpuBefore = cpuSeconds(postgres);
  const began = performance.now();
  const refused = concurrent
    ? (await Promise.all(reps.map((r) => place(clients, seeded, [r], from, from + perRep, latencies)))).reduce((a, b) => a + b, 0)
    : await place(clients, seeded, reps, from, from + perRep, latencies);
  const seconds = (performance.now() - began) / 1_000;
  const cpu = cpuSeconds(postgres);
  return { seconds, refused, p50: percentile(latencies, 50), p99: percentile(latencies, 99), nodeCpu: cpu.node - cpuBefore.node, postgresCpu: cpu.postgres - cpuBefore.postgres };
}

const cpuOf = (run: { nodeCpu: number; postgresCpu: number }) => `CPU: node ${run.nodeCpu.toFixed(1)} s, PostgreSQL ${run.postgresCpu.toFixed(1)} s`;

const startFunnel = (databaseUrl: string, auth: AuthKeys, onQuery?: (sql: string) => void) =>
  startSubgraph(funnelSubgraph, { databaseUrl, port: 0, bus: null, auth, logger: createLogger('bench', 'error'), onQuery });

const exposureOf = (gql: Gql, seeded: Seeded) => () => gql(EXPOSURE, { reps: [{ __typename: 'Customer', id: seeded.historyTop }] });

/** The figures a client meets: placements (one client, then 4 at once), previews, exposure reads; warmed up first (JIT, pools, plans). */
async function timeCalls(postgres: Postgres, clients: Gql[], seeded: Seeded) {
  await place(clients, seeded, [...clients.keys()], 2 * PLACED_ORDERS, 2 * PLACED_ORDERS + 20); // order numbers the runs do not use
  for (let i = 0; i < 200; i += 1) await clients[i % CLIENTS]!(PREVIEW, orderInput(seeded, i % CLIENTS, i, false));
  console.log(`» orders: placing ${thousands(PLACED_ORDERS)} orders one after another, then ${CLIENTS} clients at once`);
  const sequential = await placeOrders(postgres, clients, seeded, 0, false);
  const concurrent = await placeOrders(postgres, clients, seeded, PLACED_ORDERS / CLIENTS, true);
  console.log(`» orders: ${thousands(PREVIEWS)} previews, ${thousands(EXPOSURE_READS)} exposure reads`);
  const preview = await timed(PREVIEWS, (i) => clients[i % CLIENTS]!(PREVIEW, orderInput(seeded, i % CLIENTS, i, false)));
  const readExposure = exposureOf(clients[seeded.historyRep]!, seeded);
  await timed(200, readExposure);
  const exposure = await timed(EXPOSURE_READS, readExposure);
  // A request's floor on the same path (HTTP, token, the actor's lookup, Apollo): what the read adds to it.
  const floor = await timed(EXPOSURE_READS, () => clients[seeded.historyRep]!('query { __typename }', {}));
  return { sequential, concurrent, preview, exposure, floor };
}

/**
 * Statements per request (the actor's lookup, begin and commit included), counted by a second
 * subgraph whose ORM logs each one (logging is not free: nothing is timed there); then whether the
 * exposure statement reads the partial index of unpaid orders.
 */
async function inspect(client: Client, url: string, auth: AuthKeys, tokens: string[], seeded: Seeded) {
  let logged: string[] = [];
  const counting = await startFunnel(url, auth, (sql) => void logged.push(sql.replace(/^\[query\] /, '').replace(/ \[took [^\]]*\]$/, '')));
  const count = async (call: () => Promise<unknown>) => {
    logged = [];
    await call();
    return logged.length;
  };
  try {
    const as = (r: number) => clientFor(counting.url, tokens[r]!);
    let create = 0;
    for (let k = 0; k < 3; k += 1) create = await count(() => as(0)(CREATE, orderInput(seeded, 0, 3 * PLACED_ORDERS + k, true))); // the last: the first may fill caches
    const placing = logged;
    const preview = await count(() => as(0)(PREVIEW, orderInput(seeded, 0, 1, false)));
    const exposure = await count(exposureOf(as(seeded.historyRep), seeded));
    // The placement's exposure statement (Customer.credit's adds the reader's visibility). The log
    // shows placeholders; the ORM sends the values inlined: the customer and its group (itself) each time.
    const sent = placing.find((sql) => /sum\(o\.open_amount\)/.test(sql))?.replace(/\$\d+\b/g, `'${seeded.historyTop}'`);
    const plan = sent ? (await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sent}`)).rows.map((row) => row['QUERY PLAN']) : [];
    const usesOpenIndex = plan.some((line) => line.includes('sales_order_open_idx'));
    console.log(`» orders: the exposure statement's scans, sales_order_open_idx ${usesOpenIndex ? 'used' : 'NOT used'}:\n${plan.filter((line) => /Scan|Time:/.test(line)).join('\n') || '(statement not captured)'}`);
    return { create, preview, exposure, usesOpenIndex, plan };
  } finally {
    await counting.stop();
  }
}

export async function measureOrders(postgres: Postgres, keys: Required<AuthKeyPem>): Promise<{ rows: Row[]; results: Record<string, unknown> }> {
  const database = `bench_orders_${randomBytes(4).toString('hex')}`;
  const url = urlOf(postgres.serverUrl, database);
  const auth = await AuthKeys.fromPem(keys);
  const client = new Client({ connectionString: url });
  let funnel: RunningSubgraph | undefined;
  try {
    const running = (funnel = await startFunnel(url, auth)); // creates and migrates the database
    await client.connect();
    const customers = await seedCustomers(client);
    const seeded: Seeded = { ...customers, ...(await seedCatalogue(client, customers.bookGroups)) };
    console.log(`» orders: inserting a ${thousands(HISTORY_ORDERS)}-order history among ${thousands(ALL_ORDERS)} orders`);
    await insertHistory(client, seeded.historyTop, seeded.reps[0]!.userId);
    const tokens = await Promise.all(seeded.reps.map(async (rep) => (await auth.issueAccessToken(rep)).token));
    const { sequential, concurrent, preview, exposure, floor } = await timeCalls(postgres, tokens.map((token) => clientFor(running.url, token)), seeded);
    await running.stop();
    funnel = undefined;
    const statements = await inspect(client, url, auth, tokens, seeded);
    const [billed] = (await client.query<{ all: number; open: number }>('select count(*)::int as all, count(*) filter (where open_amount > 0)::int as open from sales_order where bill_to_id = $1', [seeded.historyTop])).rows;
    const refused = sequential.refused + concurrent.refused;
    const rows: Row[] = [
      {
        measure: `orders: place ${thousands(PLACED_ORDERS)} orders × 5 lines with credit checks (createOrder place: true over HTTP; ${CLIENTS} reps' clients at once, one group shared)`,
        figure:
          `${concurrent.seconds.toFixed(1)} s with ${CLIENTS} clients (p50 ${ms(concurrent.p50)}, p99 ${ms(concurrent.p99)} an order; ${cpuOf(concurrent)}); ` +
          `one client: ${sequential.seconds.toFixed(1)} s (p50 ${ms(sequential.p50)}; ${cpuOf(sequential)}); ${cpus().length} CPUs; ${statements.create} statements a request; ${refused} of ${thousands(2 * PLACED_ORDERS)} refused by a limit as seeded`,
        goal: `≤ ${GOALS.placeSeconds} s`,
        met: concurrent.seconds <= GOALS.placeSeconds,
      },
      {
        measure: 'orders: previewOrder of 5 lines, 1 client',
        figure: `p50 ${ms(preview.p50)}, p99 ${ms(preview.p99)} (${thousands(PREVIEWS)} calls; ${statements.preview} statements a request)`,
        goal: `p99 ≤ ${GOALS.previewP99Ms} ms`,
        met: preview.p99 <= GOALS.previewP99Ms,
      },
      {
        measure: `orders: open exposure, ${thousands(billed!.all)} orders billed to the customer (Customer.credit via _entities)`,
        figure: `p50 ${ms(exposure.p50)}, p99 ${ms(exposure.p99)} (${thousands(EXPOSURE_READS)} calls; ${billed!.open} open; ${statements.exposure} statements a request; sales_order_open_idx ${statements.usesOpenIndex ? 'used' : 'NOT used'}; a request's floor, { __typename }: p50 ${ms(floor.p50)}, p99 ${ms(floor.p99)})`,
        goal: `p99 ≤ ${GOALS.exposureP99Ms} ms`,
        met: exposure.p99 <= GOALS.exposureP99Ms && statements.usesOpenIndex,
      },
    ];
    return { rows, results: { sequential, concurrent, preview, exposure, floor, billed, statements } };
  } finally {
    await funnel?.stop();
    await client.end().catch(() => undefined);
    await onServer(postgres.serverUrl, `drop database ${database}`);
  }
}
