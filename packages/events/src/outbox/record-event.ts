import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { catalogue, currentTraceparent, type EventEnvelope, type EventPayload, type EventType } from '../catalogue';
import { OutboxMessage } from './outbox-message.entity';

export interface RecordedEvent<T extends EventType> {
  type: T;
  key: string;
  payload: EventPayload<T>;
  /** When it happened: the writer's injectable clock. */
  time: Date;
}

/**
 * Stages an event in the outbox of the given EntityManager. It is flushed by the caller's flush,
 * in the same transaction as the change it describes, so the two can never disagree.
 */
export function recordEvent<T extends EventType>(
  em: EntityManager,
  source: string,
  event: RecordedEvent<T>,
): EventEnvelope<EventPayload<T>> {
  const definition = catalogue[event.type];
  const envelope: EventEnvelope<EventPayload<T>> = {
    id: randomUUID(),
    type: event.type,
    version: definition.version,
    source,
    time: event.time.toISOString(),
    key: event.key,
    traceparent: currentTraceparent(),
    payload: definition.payload.parse(event.payload) as EventPayload<T>,
  };
  em.persist(new OutboxMessage(definition.topic, envelope));
  return envelope;
}
