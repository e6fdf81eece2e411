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
  },
});
