import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { z } from 'zod';
import { EventContractError, catalogue, decodeEvent, type EventEnvelope, type EventPayload, type EventType } from '../catalogue';
import type { DeadLetter, Delivery, Subscription } from '../bus';
import { withConsumerSpans, wireTraceparent } from '../catalogue/trace-context';
import { appliedEvents, deadLetteredEvents } from '../metrics';
import { pgArray } from '../sql/pg-array';
import { readPosition, recordDeadLetters, savePosition } from './consumer-state';

export type EventHandler<T extends EventType> = (
  em: EntityManager,
  payload: EventPayload<T>,
  envelope: EventEnvelope<EventPayload<T>>,
) => Promise<void>;

/**
 * A handler that takes a run of consecutive events of its type at once, in order, so a hot path can
 * apply them with one set-based statement instead of one per event.
 */
export interface EventBatchHandler<T extends EventType> {
  batch(em: EntityManager, events: readonly { payload: EventPayload<T>; envelope: EventEnvelope<EventPayload<T>> }[]): Promise<void>;
}

export type EventHandlers = { [T in EventType]?: EventHandler<T> | EventBatchHandler<T> };

/** A named reaction of one subgraph to other subgraphs' events. */
export interface EventConsumer {
  name: string;
  handlers: EventHandlers;
}

export interface ConsumerOptions {
  logger: Logger;
  /** Tries of one event, alone in its transaction, before it is dead-lettered. */
  attempts?: number;
  retryDelayMs?: number;
}

interface Decoded {
  topic: string;
  envelope: EventEnvelope;
  payload: unknown;
  /** The trace context the transport delivered it with, when it carried one beside the envelope. */
  traceparent?: string;
}

/** What a consumer must be able to read before it knows anything of the payload. */
const envelopeShape = z.looseObject({ id: z.uuid(), type: z.string() });

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Deadlock and serialization failure: batches of one group on several partitions touched the same rows. */
const isTransient = (error: unknown): boolean => ['40P01', '40001'].includes((error as { code?: string }).code ?? '');
const TRANSIENT_RETRIES = 5;

/**
 * Turns a consumer into a bus subscription. A batch is applied in one transaction: the inbox ids
 * are claimed in one statement (a redelivered event finds its id and is skipped), the handlers run
 * in order, and the log position is saved with them. When the batch fails, each event is retried
 * alone; one that keeps failing, or that no handler can read, goes to the dead-letter store so the
 * topic moves on. Each event is handled inside a CONSUMER span that continues its trace.
 */
export function toSubscription(orm: MikroORM, service: string, consumer: EventConsumer, options: ConsumerOptions): Subscription {
  const consumerId = `${service}.${consumer.name}`;
  const types = Object.keys(consumer.handlers) as EventType[];
  const attempts = options.attempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 200;

  const decode = (topic: string, raw: unknown, rejected: DeadLetter[]): Decoded | undefined => {
    const shape = envelopeShape.safeParse(raw);
    if (!shape.success) {
      rejected.push({ topic, envelope: raw, error: `not an event envelope: ${z.prettifyError(shape.error)}` });
      return undefined;
    }
    const envelope = shape.data as unknown as EventEnvelope;
    if (!(envelope.type in consumer.handlers)) return undefined;
    try {
      return { topic, envelope, payload: decodeEvent(envelope).payload, traceparent: wireTraceparent(raw) };
    } catch (error) {
      if (!(error instanceof EventContractError)) throw error;
      rejected.push({ topic, envelope, error: error.message });
      return undefined;
    }
  };

  /** One transaction: claim, apply, record dead letters, save the position. */
  const commit = (events: readonly Decoded[], dead: readonly DeadLetter[], delivery?: Delivery) =>
    orm.em.fork().transactional(async (em) => {
      const execute = <T>(sql: string, params: unknown[]) => em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<T[]>;
      if (events.length) {
        const claimed = new Set(
          (
            await execute<{ event_id: string }>(
              `insert into inbox_message (consumer, event_id, event_type)
               select ?, e.id, e.type from unnest(?::uuid[], ?::text[]) as e(id, type)
               on conflict do nothing returning event_id`,
              [consumerId, pgArray(events.map((e) => e.envelope.id)), pgArray(events.map((e) => e.envelope.type))],
            )
          ).map((row) => row.event_id),
        );
        for (const run of runsByType(events.filter((event) => claimed.delete(event.envelope.id)))) {
          await applyRun(em, run);
        }
      }
      await recordDeadLetters(em, consumerId, dead, attempts);
      if (delivery?.position !== undefined) await savePosition(em, consumerId, delivery.topic, delivery.position);
    });

  const commitRetryingConflicts = (events: readonly Decoded[], dead: readonly DeadLetter[], delivery: Delivery) =>
    withRetries(TRANSIENT_RETRIES, (attempt) => Math.random() * retryDelayMs * attempt, isTransient, () => commit(events, dead, delivery));

  const applyRun = async (em: EntityManager, run: readonly Decoded[]): Promise<void> => {
    const handler = consumer.handlers[run[0]!.envelope.type as EventType] as EventHandler<EventType> | EventBatchHandler<EventType>;
    const typed = run as readonly { payload: EventPayload<EventType>; envelope: EventEnvelope<EventPayload<EventType>> }[];
    if ('batch' in handler) return withConsumerSpans(consumerId, service, run, () => handler.batch(em, typed));
    for (const [index, { payload, envelope }] of typed.entries()) {
      await withConsumerSpans(consumerId, service, [run[index]!], () => handler(em, payload, envelope));
    }
  };

  const databaseAnswers = () =>
    orm.em
      .fork()
      .getConnection()
      .execute('select 1')
      .then(
        () => true,
        () => false,
      );

  /** The event's error after its last try, or undefined once it applied. */
  const applyAlone = (event: Decoded): Promise<string | undefined> =>
    withRetries(attempts, (attempt) => retryDelayMs * 2 ** (attempt - 1), () => true, () => commit([event], [])).then(
      () => undefined,
      describe,
    );

  const handle = async (delivery: Delivery): Promise<readonly DeadLetter[]> => {
    const dead: DeadLetter[] = [];
    const events = delivery.envelopes.flatMap((raw) => decode(delivery.topic, raw, dead) ?? []);
    try {
      await commitRetryingConflicts(events, dead, delivery);
    } catch (error) {
      // When the database itself is unusable no event is to blame: the whole batch comes again later.
      if (events.length === 0 || !(await databaseAnswers())) throw error;
      options.logger.warn({ err: error, consumer: consumerId, events: events.length }, 'batch failed; applying its events one by one');
      for (const event of events) {
        const failure = await applyAlone(event);
        if (failure !== undefined) dead.push({ topic: delivery.topic, envelope: event.envelope, error: failure });
      }
      await commit([], dead, delivery);
    }
    appliedEvents.inc({ consumer: consumerId }, events.length);
    for (const letter of dead) {
      deadLetteredEvents.inc({ consumer: consumerId, type: envelopeType(letter.envelope) });
      options.logger.error({ consumer: consumerId, topic: letter.topic, error: letter.error }, 'event moved to the dead-letter store');
    }
    return dead;
  };

  return {
    group: consumerId,
    topics: [...new Set(types.map((type) => catalogue[type].topic))],
    handle,
    position: (topic) => readPosition(orm, consumerId, topic),
  };
}

/** Runs `work` up to `tries` times while its failure is `retryable`, pausing `delayMs(attempt)` between tries. */
async function withRetries<T>(
  tries: number,
  delayMs: (attempt: number) => number,
  retryable: (error: unknown) => boolean,
  work: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= tries || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs(attempt)));
    }
  }
}

/** Consecutive events of one type, in order: the unit a batch handler receives. */
function runsByType(events: readonly Decoded[]): Decoded[][] {
  const runs: Decoded[][] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last && last[0]!.envelope.type === event.envelope.type) last.push(event);
    else runs.push([event]);
  }
  return runs;
}

export const envelopeType = (envelope: unknown): string =>
  typeof envelope === 'object' && envelope !== null && typeof (envelope as { type?: unknown }).type === 'string'
    ? (envelope as { type: string }).type
    : '(unreadable)';
