import { catalogue, Events, type EventType } from '@crm/events';
import type { Scope } from '@crm/platform';
import { isoText, uuidV7At } from './pool-sql';

/** Rows per statement: big enough that 1,000,000 private entries sweep in seconds, small enough to keep locks short. */
const CHUNK = 50_000;

/**
 * An outbox row as recordEvent writes one (packages/events/src/outbox), built in SQL so a whole
 * chunk's events go in one statement. `payload` is a jsonb expression over the chunk's rows `d`;
 * its shape is held to the catalogue by the tests.
 */
function outboxInsert(type: EventType, source: string, payload: string): string {
  const { topic, version } = catalogue[type];
  return `insert into outbox_message (topic, envelope)
    select '${topic}', jsonb_build_object('id', gen_random_uuid(), 'type', '${type}', 'version', '${version}', 'source', '${source}',
           'time', :nowIso::text, 'key', d.record_id, 'payload', ${payload})
      from d`;
}

/**
 * Runs a statement again until a chunk comes back short; `:now` and `:nowIso` are the clock's
 * instant. Each chunk commits on its own unless the scope is inside a transaction (the demo's seed).
 */
async function inChunks(scope: Scope, sql: string): Promise<number> {
  const now = scope.clock.now();
  const values = { ':nowIso': now.toISOString(), ':now': now };
  const names = sql.match(/:nowIso|:now/g) ?? [];
  const statement = sql.replace(/:nowIso|:now/g, '?');
  let total = 0;
  for (;;) {
    const params = names.map((name) => values[name as keyof typeof values]);
    const [row] = (await scope.em.getConnection().execute(statement, params, 'all', scope.em.getTransactionContext())) as { count: number }[];
    total += row!.count;
    if (row!.count < CHUNK) return total;
  }
}

/** Reminders: once per entry and drop date, to owners whose record drops within their unit's reminder window. */
const warnStatement = (source: string) => `
  with due as (
    select id from pool_entry
     where state = 'PRIVATE' and warn_at <= :now::timestamptz and drops_at > :now::timestamptz and warned_drops_at is distinct from drops_at
     limit ${CHUNK} for update skip locked),
  d as (
    update pool_entry e set warned_drops_at = e.drops_at where e.id = any(array(select id from due))
    returning e.id, e.record_type, e.record_id, e.customer_id, e.owner_id, e.drop_reason, e.drops_at),
  outbox as (${outboxInsert(Events.PoolRecordDropWarned, source, `jsonb_build_object('recordType', d.record_type, 'recordId', d.record_id, 'customerId', d.customer_id, 'ownerId', d.owner_id, 'reason', d.drop_reason, 'dropsAt', ${isoText('d.drops_at')})`)})
  select count(*)::int as count from d`;

/**
 * Drops: every private entry past its drop date goes to the public pool, announced, audited and
 * logged for poolFlows, in one statement per chunk. The same change as a release by hand
 * (dropToPublic), set-based: a loop per entry cannot sweep 1,000,000 in seconds.
 */
const dropStatement = (source: string) => `
  with due as (
    select id from pool_entry where state = 'PRIVATE' and drops_at <= :now::timestamptz limit ${CHUNK} for update skip locked),
  d as (
    update pool_entry e
       set state = 'PUBLIC', former_owner_id = e.owner_id, owner_id = null, dropped_at = :now::timestamptz,
           protected_until = :now::timestamptz + make_interval(days => e.protection_days), drops_at = null, warn_at = null
     where e.id = any(array(select id from due))
    returning e.id, e.record_type, e.record_id, e.customer_id, e.former_owner_id, e.drop_reason, e.protected_until),
  outbox as (${outboxInsert(
    Events.PoolRecordDropped,
    source,
    `jsonb_build_object('recordType', d.record_type, 'recordId', d.record_id, 'customerId', d.customer_id, 'formerOwnerId', d.former_owner_id,
       'reason', d.drop_reason, 'note', null, 'droppedAt', :nowIso::text, 'protectedUntil', ${isoText('d.protected_until')})`,
  )}),
  audit as (
    insert into audit_entry (id, subject_type, subject_id, action, at, before, after, reason)
    select ${uuidV7At(':now::timestamptz')}, 'PoolEntry', d.record_id::text, 'pool_record.dropped', :now::timestamptz,
           jsonb_build_object('state', 'PRIVATE', 'ownerId', d.former_owner_id), jsonb_build_object('state', 'PUBLIC', 'protectedUntil', ${isoText('d.protected_until')}), d.drop_reason
      from d),
  movement as (
    insert into pool_movement (id, record_type, record_id, kind, reason, user_id, unit_path, at)
    select ${uuidV7At(':now::timestamptz')}, d.record_type, d.record_id, 'DROPPED', d.drop_reason, d.former_owner_id, u.org_path, :now::timestamptz
      from d join directory_user u on u.id = d.former_owner_id)
  select count(*)::int as count from d`;

export interface SweepResult {
  warned: number;
  dropped: number;
}

/**
 * FUN-4's sweep: reminders first, then drops. Idempotent: a second sweep at the same instant finds
 * nothing to do, and two at once split the rows (skip locked) rather than both taking them.
 */
export async function sweepPools(scope: Scope): Promise<SweepResult> {
  const warned = await inChunks(scope, warnStatement(scope.subgraph));
  const dropped = await inChunks(scope, dropStatement(scope.subgraph));
  return { warned, dropped };
}
