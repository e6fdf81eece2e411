import { Events, pgArray, type EventConsumer, type EventPayload } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';

type KeysSet = EventPayload<typeof Events.CustomerIdentityKeysSet>;

/**
 * Each customer's keys as its latest event in the run lists them; a key a later event lists goes to
 * that event's customer (a merge's survivor). The map is the run's outcome, as one by one.
 */
function latestHolders(events: readonly { payload: KeysSet }[]): { customerIds: string[]; holders: Map<string, { kind: string; value: string; customerId: string }> } {
  const holders = new Map<string, { kind: string; value: string; customerId: string }>();
  const keysOf = new Map<string, string[]>();
  for (const { payload } of events) {
    for (const id of keysOf.get(payload.customerId) ?? []) if (holders.get(id)?.customerId === payload.customerId) holders.delete(id);
    const ids = payload.keys.map((key) => `${key.kind}:${key.value}`);
    payload.keys.forEach((key, i) => holders.set(ids[i]!, { ...key, customerId: payload.customerId }));
    keysOf.set(payload.customerId, ids);
  }
  return { customerIds: [...keysOf.keys()], holders };
}

async function replaceKeys(em: EntityManager, events: readonly { payload: KeysSet }[]): Promise<void> {
  const { customerIds, holders } = latestHolders(events);
  const run = (sql: string, params: unknown[]) => em.getConnection().execute(sql, params, 'run', em.getTransactionContext());
  await run('delete from customer_key_replica where customer_id = any(?::uuid[])', [pgArray(customerIds)]);
  if (!holders.size) return;
  const rows = [...holders.values()];
  await run(
    `insert into customer_key_replica (kind, value, customer_id)
     select * from unnest(?::text[], ?::text[], ?::uuid[])
     on conflict (kind, value) do update set customer_id = excluded.customer_id`,
    [pgArray(rows.map((r) => r.kind)), pgArray(rows.map((r) => r.value)), pgArray(rows.map((r) => r.customerId))],
  );
}

/**
 * FUN-1: funnel's replica of which customer holds which identity key, kept from customers' events
 * and never asked of customers, so cleaning can tell a lead that is already a customer. An event
 * lists all of a customer's keys: they replace the customer's rows, and a merge's survivor takes
 * over the merged customer's keys. Replaying a run leaves the same rows.
 */
export const customerKeyConsumer: EventConsumer = {
  name: 'lead-customer-keys',
  handlers: {
    // Imports publish keys by the thousand: one run of them is two statements.
    [Events.CustomerIdentityKeysSet]: { batch: replaceKeys },
  },
};
