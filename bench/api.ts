// The API's figures for `npm run bench`: what a web client waits for through the gateway, each
// beside the floor — the same rows read with SQL directly, in the same run. Issue 11's goals.
import { DEMO_PASSWORD } from '@crm/demo-data';
import { Pool } from 'pg';
import { percentile } from './pipeline';

/** The customer-360 page: a city manager's 30 newest customers, each with owner, owner's count, 3 leads, 3 complaints (four subgraphs). */
export const CUSTOMER_360 = `query Customer360 { customers(first: 30) { edges { node { id name
  owner { id displayName customerCount }
  leads(first: 3) { edges { node { id status } } }
  complaints(first: 3) { edges { node { id status } } } } } } }`;
const ME = 'query Me { me { id } }';
const CREATE = 'mutation Create($n: String!) { createCustomer(input: { name: $n, kind: COMPANY }) { id } }';

export interface Timing {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** `clients` loops issue `call` back to back for `seconds`; latencies in ms. */
export async function drive(clients: number, seconds: number, call: () => Promise<void>): Promise<Timing> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1_000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        await call();
        latencies.push(performance.now() - started);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1_000;
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function post(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors?.length) throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(body.errors[0])}`);
}

export async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation { login(email: "${email}", password: "${DEMO_PASSWORD}") { accessToken } }` }),
  });
  return ((await response.json()) as { data: { login: { accessToken: string } } }).data.login.accessToken;
}

/**
 * The floor: the page's rows read straight from the five databases with one statement each, as
 * the subgraphs would need at least — the manager's subtree's 30 newest customers, their owners,
 * the owners' counts, 3 leads and 3 complaints per customer.
 */
export function sqlFloor(serverUrl: string, prefix: string, orgPath: string, connections: number) {
  const pool = (subgraph: string) => {
    const url = new URL(serverUrl);
    url.pathname = `/${prefix}${subgraph}`;
    return new Pool({ connectionString: url.toString(), max: connections });
  };
  const pools = { customers: pool('customers'), identity: pool('identity'), analytics: pool('analytics'), funnel: pool('funnel'), service: pool('service') };
  const page = async () => {
    const customers = await pools.customers.query<{ id: string; name: string; owner_id: string }>(
      `select id, name, owner_id from customer where owner_id in (select id from directory_user where org_path <@ $1::ltree) order by id desc limit 30`,
      [orgPath],
    );
    const ids = customers.rows.map((c) => c.id);
    const owners = [...new Set(customers.rows.map((c) => c.owner_id))];
    const firstThree = (table: string) =>
      `select c.* from unnest($1::uuid[]) p(id) cross join lateral (select id, status from ${table} where customer_id = p.id order by id desc limit 3) c`;
    await Promise.all([
      pools.identity.query('select id, display_name from app_user where id = any($1::uuid[])', [owners]),
      pools.analytics.query('select owner_id, customer_count from owner_customer_count where owner_id = any($1::uuid[])', [owners]),
      pools.funnel.query(firstThree('lead'), [ids]),
      pools.service.query(firstThree('complaint'), [ids]),
    ]);
  };
  return { page, end: () => Promise.all(Object.values(pools).map((p) => p.end())) };
}

export interface ApiFigures {
  me1: Timing;
  page1: Timing;
  page16: Timing;
  floor1: Timing;
  floor16: Timing;
  mutation1: Timing;
}

/**
 * Every API figure against a running system with the demo data (its gateway at `url`, its databases
 * `<prefix><subgraph>` on `serverUrl`): warm-up first, then each measurement for `seconds`.
 */
export async function measureApi(url: string, serverUrl: string, prefix: string, seconds: number): Promise<ApiFigures> {
  const manager = await signIn(url, 'manager.east.shanghai@demo.crm');
  const rep = await signIn(url, 'rep1.east.shanghai.team1@demo.crm');
  const floor = sqlFloor(serverUrl, prefix, 'hq.east.shanghai', 16);
  try {
    await drive(4, 3, () => post(url, manager, CUSTOMER_360)); // warm-up: JIT, pools, plans
    await drive(4, 2, floor.page);
    let created = 0;
    return {
      me1: await drive(1, seconds, () => post(url, manager, ME)),
      page1: await drive(1, seconds, () => post(url, manager, CUSTOMER_360)),
      page16: await drive(16, seconds, () => post(url, manager, CUSTOMER_360)),
      floor1: await drive(1, seconds, floor.page),
      floor16: await drive(16, seconds, floor.page),
      mutation1: await drive(1, seconds, () => post(url, rep, CREATE, { n: `Bench 客户 ${(created += 1)}` })),
    };
  } finally {
    await floor.end();
  }
}
