import { Events, type EventEnvelope, type EventPayload, type EventType } from '@crm/events';
import { Money, newId } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { TimelineKind } from '../../generated/graphql';
import { TimelineEntry, type TimelineEntityType } from './timeline.entity';

/** What one event puts on one customer's timeline. */
export interface TimelineLine {
  customerId: string;
  kind: TimelineKind;
  occurredAt: Date;
  entityType: TimelineEntityType;
  entityId: string;
  actorId: string | null;
  summary: string | null;
  amount: Money | null;
}

/** The lines an event puts on the timelines of the customers it concerns: none, one or several. */
type Mapper<T extends EventType> = (payload: EventPayload<T>, envelope: EventEnvelope<EventPayload<T>>) => TimelineLine[];
type Mappers = { [T in EventType]?: Mapper<T> };

/** The same entry on the timeline of each customer named, once however often it is named; null names nobody. */
const onTimelines = (customerIds: readonly (string | null)[], entry: Omit<TimelineLine, 'customerId'>): TimelineLine[] =>
  [...new Set(customerIds)].flatMap((customerId) => (customerId ? [{ ...entry, customerId }] : []));

/** What a payment settled of each customer's orders, for the customers other than its payer. */
function settledForOthers(payerId: string, allocations: readonly { customerId: string; amount: string }[]): Map<string, Money> {
  const settled = new Map<string, Money>();
  for (const { customerId, amount } of allocations) {
    if (customerId !== payerId) settled.set(customerId, (settled.get(customerId) ?? Money.zero).plus(Money.of(amount)));
  }
  return settled;
}

/**
 * Every kind of timeline entry, one line each: an event type and how its event becomes entries.
 * Adding a kind is adding a line here (and its value to TimelineKind). The time is the event's own
 * (when the interaction happened, the order was placed, the goods came back) or else the envelope's,
 * the moment of the change, so a redelivered or replayed event records exactly the same thing.
 * An order and its returns are on the bill-to party's timeline too: an HQ sees what its branches
 * order on its account. A payment is on its payer's timeline with what it paid, and on that of each
 * other customer whose orders it settled with what it settled of them.
 */
export const timelineMappers = {
  [Events.LeadCreated]: ({ leadId, customerId, ownerId }, envelope) =>
    onTimelines([customerId], { kind: TimelineKind.Lead, occurredAt: new Date(envelope.time), entityType: 'Lead', entityId: leadId, actorId: ownerId, summary: null, amount: null }),
  [Events.ComplaintFiled]: ({ complaintId, customerId, handlerId }, envelope) =>
    onTimelines([customerId], { kind: TimelineKind.Complaint, occurredAt: new Date(envelope.time), entityType: 'Complaint', entityId: complaintId, actorId: handlerId, summary: null, amount: null }),
  [Events.CustomerInteractionLogged]: ({ interactionId, customerId, occurredAt, loggedById }) =>
    onTimelines([customerId], { kind: TimelineKind.Interaction, occurredAt: new Date(occurredAt), entityType: 'Interaction', entityId: interactionId, actorId: loggedById, summary: null, amount: null }),
  [Events.OrderPlaced]: ({ orderId, customerId, billToId, amount, placedAt }) =>
    onTimelines([customerId, billToId], { kind: TimelineKind.Order, occurredAt: new Date(placedAt), entityType: 'Order', entityId: orderId, actorId: null, summary: null, amount: Money.of(amount) }),
  [Events.OrderReturned]: ({ orderId, customerId, billToId, amount, reason, returnedAt }) =>
    onTimelines([customerId, billToId], { kind: TimelineKind.Return, occurredAt: new Date(returnedAt), entityType: 'Order', entityId: orderId, actorId: null, summary: reason, amount: Money.of(amount) }),
  [Events.PaymentReceived]: ({ paymentId, payerId, amount, allocations }, envelope) => {
    const payment = { kind: TimelineKind.Payment, occurredAt: new Date(envelope.time), entityType: 'Payment', entityId: paymentId, actorId: null, summary: null } as const;
    const settled = [...settledForOthers(payerId, allocations)].map(([customerId, part]) => ({ ...payment, customerId, amount: part }));
    return [{ ...payment, customerId: payerId, amount: Money.of(amount) }, ...settled];
  },
} satisfies Mappers;

export type TimelineEventType = keyof typeof timelineMappers;

function linesOf<T extends TimelineEventType>(envelope: EventEnvelope<EventPayload<T>>, summary?: string | null): TimelineLine[] {
  const lines = (timelineMappers[envelope.type as T] as Mapper<T>)(envelope.payload, envelope);
  return summary === undefined ? lines : lines.map((line) => ({ ...line, summary }));
}

/**
 * Stages the entries of an event this subgraph records itself, in the unit of work of the write
 * that records it, so they commit with the write (the consumer finds them there and adds nothing).
 * The summary is not in the event (it stays out of the topics), so the write passes it.
 */
export function stageTimelineEntries<T extends TimelineEventType>(em: EntityManager, envelope: EventEnvelope<EventPayload<T>>, summary?: string | null): void {
  for (const line of linesOf(envelope, summary)) em.create(TimelineEntry, { ...line, sourceEventId: envelope.id });
}

/**
 * Inserts the entries of delivered events in one statement; an entry already projected (an event
 * has at most one per customer) is skipped, so redelivery and replay write nothing twice. An entry
 * about a merged customer goes to its survivor.
 */
export async function insertTimelineEntries(em: EntityManager, envelopes: readonly EventEnvelope[]): Promise<number> {
  const rows = envelopes.flatMap((envelope) => linesOf(envelope as EventEnvelope<EventPayload<TimelineEventType>>).map((line) => ({ ...line, sourceEventId: envelope.id })));
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
  // is its survivor: resolved here, in the insert, as the merge has already re-pointed the rest. So
  // an order's entries for a branch merged into its bill-to HQ become one entry, the HQ's.
  const inserted = (await em.getConnection().execute(
    `insert into customer_timeline_entry (id, customer_id, kind, occurred_at, entity_type, entity_id, actor_id, summary, amount, source_event_id)
     select v.id, coalesce(c.merged_into_id, v.customer_id), v.kind, v.occurred_at, v.entity_type, v.entity_id, v.actor_id, v.summary, v.amount, v.source_event_id
       from (values ${rows.map(() => '(?::uuid, ?::uuid, ?, ?::timestamptz, ?, ?::uuid, ?::uuid, ?, ?::numeric, ?::uuid)').join(', ')})
            as v (id, customer_id, kind, occurred_at, entity_type, entity_id, actor_id, summary, amount, source_event_id)
       left join customer c on c.id = v.customer_id
     on conflict (source_event_id, customer_id) do nothing returning id`,
    rows.flatMap((row) => [newId(), row.customerId, row.kind, row.occurredAt, row.entityType, row.entityId, row.actorId, row.summary, row.amount?.toNumeric() ?? null, row.sourceEventId]),
    'all',
    em.getTransactionContext(),
  )) as unknown[];
  return inserted.length;
}
