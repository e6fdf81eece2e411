// FUN-4's sweep goal: one run of the scheduled pool sweep (pool.sweep, the job itself) over
// 1,000,000 private opportunities, 10 % of them past their drop date and 5 % inside the reminder
// window, in ≤ 10 s: reminders and drops, each with its outbox event, audit entry and flow record.
// The entries are seeded straight into a database of funnel's own schema (generate_series); the
// stack is not needed to time a set-based statement.
import { randomBytes } from 'node:crypto';
import { funnelSubgraph } from '@crm/funnel';
import { createLogger, createScope, newId, openSubgraphDatabase, type JobDefinition } from '@crm/platform';
import { Client } from 'pg';
import type { Postgres } from './infra';

export const POOL_ENTRIES = 1_000_000;
const DUE_SHARE = 0.1;
const WARN_SHARE = 0.05;
const REPS = 2_000;
const GOAL_SECONDS = 10;

const urlOf = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: urlOf(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Reps in one unit, and their private pools: due, about to drop, and well within their time. */
async function seed(client: Client, now: Date): Promise<void> {
  const unitId = newId();
  await client.query(`insert into directory_org_unit (id, path) values ($1, 'hq.east.shanghai')`, [unitId]);
  await client.query(
    `insert into directory_user (id, display_name, org_unit_id, org_path, active, roles, supports)
     select gen_random_uuid(), 'rep ' || n, $1, 'hq.east.shanghai', true, '{SALES_REP}', '{}' from generate_series(1, $2) n`,
    [unitId, REPS],
  );
  await client.query(
    `with reps as (select id, row_number() over (order by id) - 1 as n from directory_user),
     spread as (
       select n, case when n < $2 * $3::float8 then $1::timestamptz - interval '1 hour'
                      when n < $2 * ($3::float8 + $4::float8) then $1::timestamptz + interval '1 day'
                      else $1::timestamptz + interval '6 days' end as drops_at
         from generate_series(0, $2 - 1) n)
     insert into pool_entry (id, record_type, record_id, customer_id, state, owner_id, last_follow_up_at, last_stage_move_at, entered_private_at,
                             drops_at, drop_reason, warn_at, protection_days)
     select gen_random_uuid(), 'OPPORTUNITY', gen_random_uuid(), gen_random_uuid(), 'PRIVATE', reps.id,
            s.drops_at - interval '10 days', s.drops_at - interval '10 days', s.drops_at - interval '10 days',
            s.drops_at, 'NO_FOLLOW_UP', s.drops_at - interval '2 days', 7
       from spread s join reps on reps.n = s.n % $5`,
    [now, POOL_ENTRIES, DUE_SHARE, WARN_SHARE, REPS],
  );
  await client.query('analyze');
}

/** The bench table's row: the wall time of one run of the sweep job. */
export async function measurePoolSweep(postgres: Postgres) {
  const database = `bench_pool_sweep_${randomBytes(4).toString('hex')}`;
  await onServer(postgres.serverUrl, `create database ${database}`);
  const logger = createLogger('bench', 'error');
  const orm = await openSubgraphDatabase(funnelSubgraph, urlOf(postgres.serverUrl, database), logger);
  const client = new Client({ connectionString: urlOf(postgres.serverUrl, database) });
  await client.connect();
  try {
    const now = new Date();
    await seed(client, now);
    const sweep = funnelSubgraph.modules.flatMap((module) => module.jobs ?? []).find((job) => job.kind === 'pool.sweep') as JobDefinition<unknown>;
    const scope = createScope({ subgraph: 'funnel', em: orm.em.fork(), actor: null, clock: { now: () => now } });
    const began = performance.now();
    await sweep.run({ id: newId(), scope, payload: {}, tick: now, progress: async () => undefined, logger });
    const seconds = (performance.now() - began) / 1_000;
    const [counts] = (
      await client.query(`select count(*) filter (where envelope ->> 'type' = 'pool_record.dropped')::int as dropped,
                                 count(*) filter (where envelope ->> 'type' = 'pool_record.drop_warned')::int as warned from outbox_message`)
    ).rows as { dropped: number; warned: number }[];
    return {
      measure: `pool sweep over ${POOL_ENTRIES.toLocaleString('en')} private opportunities (${DUE_SHARE * 100} % due, ${WARN_SHARE * 100} % to remind), one run of pool.sweep`,
      figure: `${seconds.toFixed(1)} s (dropped ${counts!.dropped.toLocaleString('en')}, reminded ${counts!.warned.toLocaleString('en')}, each drop with its event, audit entry and flow record, each reminder with its event)`,
      goal: `≤ ${GOAL_SECONDS} s`,
      met: seconds <= GOAL_SECONDS,
    };
  } finally {
    await client.end();
    await orm.close();
    await onServer(postgres.serverUrl, `drop database ${database}`);
  }
}
