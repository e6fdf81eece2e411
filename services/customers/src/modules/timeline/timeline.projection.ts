import { Events, type EventEnvelope, type EventPayload, type EventType } from '@crm/events';
import { newId } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { TimelineKind } from '../../generated/graphql';
import { TimelineEntry, type TimelineEntityType } from './timeline.entity';

/** What one event puts on a customer's timeline, or null when it concerns no customer. */
export interface TimelineLine {
  customerId: string;
  kind: TimelineKind;
  occurredAt: Date;
  entityType: TimelineEntityType;
  entityId: string;
  actorId: string | null;
  summary: string | null;
}

type Mapper<T extends EventType> = (payload: EventPayload<T>, envelope: EventEnvelope<EventPayload<T>>) => TimelineLine | null;
type Mappers = { [T in EventType]?: Mapper<T> };

/**
 * Every kind of timeline entry, one line each: an event type and how its event becomes an entry.
 * Adding a kind is adding a line here (and its value to TimelineKind). The time is the envelope's,
 * the moment of the change, so a redelivered or replayed event records exactly the same thing; an
 * interaction carries its own time, the moment it happened.
 */
export const timelineMappers = {
  [Events.LeadCreated]: ({ leadId, customerId, ownerId }, envelope) =>
    customerId ? { customerId, kind: TimelineKind.Lead, occurredAt: new Date(envelope.time), entityType: 'Lead', entityId: leadId, actorId: ownerId, summary: null } : null,
  [Events.ComplaintFiled]: ({ complaintId, customerId, handlerId }, envelope) => ({
    customerId,
    kind: TimelineKind.Complaint,
    occurredAt: new Date(envelope.time),
    entityType: 'Complaint',
    entityId: complaintId,
    actorId: handlerId,
    summary: null,
  }),
  [Events.CustomerInteractionLogged]: ({ interactionId, customerId, occurredAt, loggedById }) => ({
    customerId,
    kind: TimelineKind.Interaction,
    occurredAt: new Date(occurredAt),
    entityType: 'Interaction',
    entityId: interactionId,
    actorId: loggedById,
    summary: null,
  }),
} satisfies Mappers;

export type TimelineEventType = keyof typeof timelineMappers;

function lineOf<T extends TimelineEventType>(envelope: EventEnvelope<EventPayload<T>>, summary?: string | null): TimelineLine | null {
  const mapper = timelineMappers[envelope.type as T] as Mapper<T>;
  const line = mapper(envelope.payload, envelope);
  return line && summary !== undefined ? { ...line, summary } : line;
}

/**
 * Stages the entry of an event this subgraph records itself, in the unit of work of the write that
 * records it, so it commits with the write (the consumer finds it there and adds nothing). The
 * summary is not in the event (it stays out of the topics), so the write passes it.
 */
export function stageTimelineEntry<T extends TimelineEventType>(em: EntityManager, envelope: EventEnvelope<EventPayload<T>>, summary?: string | null): void {
  const line = lineOf(envelope, summary);
  if (line) em.create(TimelineEntry, { ...line, sourceEventId: envelope.id });
}

/**
 * Inserts the entries of delivered events in one statement; an event already projected (its id is
 * a unique source_event_id) is skipped, so redelivery and replay write nothing twice. An entry about
 * a merged customer goes to its survivor.
 */
export async function insertTimelineEntries(em: EntityManager, envelopes: readonly EventEnvelope[]): Promise<number> {
  const rows = envelopes.flatMap((envelope) => {
    const line = lineOf(envelope as EventEnvelope<EventPayload<TimelineEventType>>);
    return line ? [{ ...line, sourceEventId: envelope.id }] : [];
  });
  if (!rows.length) return 0;
  // An interaction's summary stays out of its event; a replay takes it from the interaction itself.
  const interactionIds = rows.filter((row) => row.entityType === 'Interaction' && row.summary === null).map((row) => row.entityId);
  if (interactionIds.length) {
    const summaries = new Map(
      ((await em.getConnection().execute('select id, summary from interaction where id in (?)', [interactionIds], 'all', em.getTransactionContext())) as { id: string; summary: string }[]).map(
        (row) => [row.id, row.summary],
      ),
    );
    for (const row of rows) if (row.entityType === 'Interaction') row.summary ??= summaries.get(row.entityId) ?? null;
  }
  // A customer merged away (CUS-3) before the event arrived — a replica that had not caught up yet —
  // is its survivor: resolved here, in the insert, as the merge has already re-pointed the rest.
  const inserted = (await em.getConnection().execute(
    `insert into customer_timeline_entry (id, customer_id, kind, occurred_at, entity_type, entity_id, actor_id, summary, source_event_id)
     select v.id, coalesce(c.merged_into_id, v.customer_id), v.kind, v.occurred_at, v.entity_type, v.entity_id, v.actor_id, v.summary, v.source_event_id
       from (values ${rows.map(() => '(?::uuid, ?::uuid, ?, ?::timestamptz, ?, ?::uuid, ?::uuid, ?, ?::uuid)').join(', ')})
            as v (id, customer_id, kind, occurred_at, entity_type, entity_id, actor_id, summary, source_event_id)
       left join customer c on c.id = v.customer_id
     on conflict (source_event_id) do nothing returning id`,
    rows.flatMap((row) => [newId(), row.customerId, row.kind, row.occurredAt, row.entityType, row.entityId, row.actorId, row.summary, row.sourceEventId]),
    'all',
    em.getTransactionContext(),
  )) as unknown[];
  return inserted.length;
}
