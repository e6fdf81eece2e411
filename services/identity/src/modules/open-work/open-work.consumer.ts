import { Events, pgArray, type EventConsumer, type EventPayload, type EventType } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import type { OpenWorkKind } from './open-work-item.entity';

/**
 * Records who holds each record, many at once. Upserting by record makes it safe to replay; within
 * a run the last event of a record wins, as it would one by one.
 */
async function hold(em: EntityManager, kind: OpenWorkKind, holdings: readonly [recordId: string, holderId: string][]): Promise<void> {
  const latest = new Map(holdings);
  if (latest.size === 0) return;
  await em.getConnection().execute(
    `insert into open_work_item (kind, record_id, holder_id)
     select ?, r, h from unnest(?::uuid[], ?::uuid[]) as t(r, h)
     on conflict (kind, record_id) do update set holder_id = excluded.holder_id`,
    [kind, pgArray([...latest.keys()]), pgArray([...latest.values()])],
    'run',
    em.getTransactionContext(),
  );
}

/** A batch handler that holds a record for someone, per event as `pick` reads it (null: nobody). */
const holding = <T extends EventType>(kind: OpenWorkKind, pick: (payload: EventPayload<T>) => [string, string | null]) => ({
  batch: (em: EntityManager, events: readonly { payload: EventPayload<T> }[]) =>
    hold(
      em,
      kind,
      events.map(({ payload }) => pick(payload)).filter((pair): pair is [string, string] => pair[1] !== null),
    ),
});

export const openWorkConsumer: EventConsumer = {
  name: 'open-work',
  handlers: {
    [Events.CustomerCreated]: holding<typeof Events.CustomerCreated>('CUSTOMER', (p) => [p.customerId, p.ownerId]),
    [Events.CustomerReassigned]: holding<typeof Events.CustomerReassigned>('CUSTOMER', (p) => [p.customerId, p.toOwnerId]),
    [Events.LeadCreated]: holding<typeof Events.LeadCreated>('LEAD', (p) => [p.leadId, p.ownerId]),
    [Events.LeadReassigned]: holding<typeof Events.LeadReassigned>('LEAD', (p) => [p.leadId, p.toOwnerId]),
    [Events.ComplaintFiled]: holding<typeof Events.ComplaintFiled>('COMPLAINT', (p) => [p.complaintId, p.handlerId]),
    [Events.ComplaintReassigned]: holding<typeof Events.ComplaintReassigned>('COMPLAINT', (p) => [p.complaintId, p.toHandlerId]),
  },
};
