import { EntitySchema } from '@mikro-orm/core';
import type { EventEnvelope } from '../catalogue';

/** A change another subgraph needs, written in the same transaction as the change itself. */
export class OutboxMessage {
  /** Sequence number: the relay publishes in this order, which keeps per-aggregate order. */
  id!: string;
  topic!: string;
  envelope!: EventEnvelope;
  createdAt: Date = new Date();
  publishedAt?: Date;
  /** Place in the subgraph's event log, given by the relay when it publishes the row. */
  position?: string;

  constructor(topic: string, envelope: EventEnvelope) {
    this.topic = topic;
    this.envelope = envelope;
  }
}

export const OutboxMessageSchema = new EntitySchema<OutboxMessage>({
  class: OutboxMessage,
  tableName: 'outbox_message',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    topic: { type: 'string' },
    envelope: { type: 'json' },
    createdAt: { type: 'datetime' },
    publishedAt: { type: 'datetime', nullable: true },
    position: { type: 'bigint', nullable: true },
  },
});
