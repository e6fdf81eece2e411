import { MONEY_COLUMN, MoneyType, newId, type Money } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { InteractionKind, TimelineKind } from '../../generated/graphql';

/** A contact with a customer that someone logged (CUS-6): a call, a WeChat chat, a meeting, a visit, a note. */
export class Interaction {
  [OptionalProps]?: 'id';
  id: string = newId();
  customerId!: string;
  kind!: InteractionKind;
  /** When it happened (the rep's word, never in the future); not when it was logged. */
  occurredAt!: Date;
  summary!: string;
  loggedById!: string;
  /** When it was logged: the clock's time. */
  createdAt!: Date;
}

export const InteractionSchema = new EntitySchema<Interaction>({
  class: Interaction,
  tableName: 'interaction',
  properties: {
    id: { type: 'uuid', primary: true },
    customerId: { type: 'uuid' },
    kind: { type: 'string' },
    occurredAt: { type: 'datetime' },
    summary: { type: 'text' },
    loggedById: { type: 'uuid' },
    createdAt: { type: 'datetime' },
  },
});

/**
 * One line of a customer's timeline: a projection of one event (its id is `sourceEventId`). An event
 * may concern several customers (an order billed to another party) and is on each one's timeline
 * once: (sourceEventId, customerId) is unique, so a redelivered or replayed event adds no second line.
 */
export class TimelineEntry {
  [OptionalProps]?: 'id';
  id: string = newId();
  customerId!: string;
  kind!: TimelineKind;
  occurredAt!: Date;
  /** The GraphQL type of the subject: Lead, Complaint, Interaction, Order (a return's too), Payment. */
  entityType!: TimelineEntityType;
  entityId!: string;
  actorId!: string | null;
  summary!: string | null;
  amount!: Money | null;
  sourceEventId!: string;
}

export type TimelineEntityType = 'Lead' | 'Complaint' | 'Interaction' | 'Order' | 'Payment';

export const TimelineEntrySchema = new EntitySchema<TimelineEntry>({
  class: TimelineEntry,
  tableName: 'customer_timeline_entry',
  properties: {
    id: { type: 'uuid', primary: true },
    customerId: { type: 'uuid' },
    kind: { type: 'string' },
    occurredAt: { type: 'datetime' },
    entityType: { type: 'string' },
    entityId: { type: 'uuid' },
    actorId: { type: 'uuid', nullable: true },
    summary: { type: 'text', nullable: true },
    amount: { type: MoneyType, columnType: MONEY_COLUMN, nullable: true },
    sourceEventId: { type: 'uuid' },
  },
  uniques: [{ properties: ['sourceEventId', 'customerId'] }],
});
