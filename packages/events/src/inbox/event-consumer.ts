import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { catalogue, type EventEnvelope, type EventPayload, type EventType } from '../catalogue';
import type { Subscription } from '../bus';

export type EventHandler<T extends EventType> = (
  em: EntityManager,
  payload: EventPayload<T>,
  envelope: EventEnvelope<EventPayload<T>>,
) => Promise<void>;

export type EventHandlers = { [T in EventType]?: EventHandler<T> };

/** A named reaction of one subgraph to other subgraphs' events. */
export interface EventConsumer {
  name: string;
  handlers: EventHandlers;
}

/**
 * Turns a consumer into a bus subscription whose handling is exactly-once in effect: the inbox row
 * and the handler's writes commit together, so a redelivered event finds its inbox row and is skipped.
 */
export function toSubscription(orm: MikroORM, service: string, consumer: EventConsumer): Subscription {
  const types = Object.keys(consumer.handlers) as EventType[];
  const consumerId = `${service}.${consumer.name}`;
  return {
    group: consumerId,
    topics: [...new Set(types.map((type) => catalogue[type].topic))],
    handle: async (envelope) => {
      const handler = consumer.handlers[envelope.type as EventType] as EventHandler<EventType> | undefined;
      if (!handler) return;
      const payload = catalogue[envelope.type as EventType].payload.parse(envelope.payload) as EventPayload<EventType>;
      await orm.em.fork().transactional(async (em) => {
        const claimed = (await em
          .getConnection()
          .execute(
            'insert into inbox_message (consumer, event_id, event_type) values (?, ?, ?) on conflict do nothing returning event_id',
            [consumerId, envelope.id, envelope.type],
            'all',
            em.getTransactionContext(),
          )) as { event_id: string }[];
        if (claimed.length === 0) return;
        await handler(em, payload, envelope as EventEnvelope<EventPayload<EventType>>);
      });
    },
  };
}
