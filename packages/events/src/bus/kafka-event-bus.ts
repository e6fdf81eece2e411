import { Kafka, Partitioners, logLevel, type Admin, type Consumer, type KafkaMessage, type LogEntry, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { allTopics, type EventEnvelope } from '../catalogue';
import { setWireTraceparent, wireTraceparent } from '../catalogue/trace-context';
import type { DeadLetter, EventBus, EventLog, OutgoingMessage, Subscription } from './event-bus';

export interface KafkaEventBusOptions {
  clientId: string;
  brokers: readonly string[];
  /** Replication factor for the topics the project creates; 3 in production, 1 on one broker. */
  topicReplication: number;
  topicPartitions?: number;
  /**
   * Prefixes every topic and consumer group on the broker, so several systems (test runs, staging
   * beside production) can share one cluster without reading each other's events.
   */
  namespace?: string;
  logger: Logger;
}

/** Where a topic's dead letters go, beside the consumers' dead-letter tables. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

const SUBSCRIBE_RETRY_MS = 2_000;
/** Messages applied per consumer transaction; a fetched batch is cut into chunks of this size. */
const CHUNK = 500;

/** What the consumer gets for a message that is not JSON: dead-lettered with its text, never retried. */
const decodeValue = (message: KafkaMessage): unknown => {
  const text = message.value!.toString();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { unparseable: text };
  }
};

/** A decoded message, remembering the trace context its `traceparent` header carried for the consumer's span. */
const receive = (message: KafkaMessage): unknown => {
  const envelope = decodeValue(message);
  setWireTraceparent(envelope, message.headers?.traceparent?.toString());
  return envelope;
};

/** The trace context to send along: the relay's producer span, else the one the event was recorded in. */
const traceHeaders = (envelope: EventEnvelope): Record<string, string> => {
  const traceparent = wireTraceparent(envelope) ?? envelope.traceparent;
  return traceparent ? { traceparent } : {};
};

/** The broker driver: kafkajs with an idempotent producer and one consumer per group. */
export class KafkaEventBus implements EventBus {
  readonly name = 'kafka';
  readonly keepsLog = true;
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly consumers = new Set<Consumer>();
  private readonly groups: Subscription[] = [];
  private connected?: Promise<void>;
  private topicsReady?: Promise<void>;
  private admin?: Promise<Admin>;
  private stopped = false;
  private readonly namespace: string;

  constructor(private readonly options: KafkaEventBusOptions) {
    this.namespace = options.namespace ?? '';
    const log = options.logger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      // kafkajs warns about every retried connection; its errors are what an operator needs.
      logLevel: logLevel.ERROR,
      logCreator: () => (entry: LogEntry) => log.warn({ kafka: entry.log }, entry.log.message),
      retry: { retries: 3 },
    });
    // One request in flight plus idempotence: a retried batch cannot overtake a later one, so the
    // order the relay publishes in is the order each partition stores.
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    await this.connect();
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic) ?? [];
      list.push(message);
      byTopic.set(message.topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic: this.namespace + topic,
        messages: list.map(({ envelope }) => ({
          key: envelope.key,
          value: JSON.stringify(envelope),
          headers: { 'event-type': envelope.type, 'event-version': String(envelope.version), ...traceHeaders(envelope) },
        })),
      })),
    });
  }

  /** Kafka keeps the log itself; the outbox is only where events wait for it. */
  attachLog(_topics: readonly string[], _log: EventLog): void {}

  /**
   * Starts consuming in the background, retrying while the broker is unreachable. kafkajs restarts
   * a consumer itself only after errors it deems retriable; after any other crash (say, no group
   * coordinator yet on a broker that is still starting) a fresh consumer takes over here.
   */
  async subscribe(subscription: Subscription): Promise<void> {
    this.groups.push(subscription);
    const start = async (): Promise<void> => {
      if (this.stopped) return;
      const consumer = this.kafka.consumer({ groupId: this.namespace + subscription.group, allowAutoTopicCreation: false });
      this.consumers.add(consumer);
      const retryLater = (error: unknown): void => {
        this.consumers.delete(consumer);
        void consumer.disconnect().catch(() => undefined);
        if (this.stopped) return;
        this.options.logger.warn({ err: error, group: subscription.group }, 'kafka consumer stopped; starting a new one');
        setTimeout(() => void start(), SUBSCRIBE_RETRY_MS).unref();
      };
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) retryLater(payload.error);
      });
      try {
        await this.ensureTopics();
        await consumer.connect();
        await consumer.subscribe({ topics: subscription.topics.map((topic) => this.namespace + topic), fromBeginning: true });
        await consumer.run({
          partitionsConsumedConcurrently: 3,
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
            for (let from = 0; from < batch.messages.length; from += CHUNK) {
              if (!isRunning() || isStale()) return;
              const chunk = batch.messages.slice(from, from + CHUNK);
              const envelopes = chunk.filter((m) => m.value !== null).map(receive);
              const dead = await subscription.handle({ topic: batch.topic.slice(this.namespace.length), envelopes });
              await this.forwardDeadLetters(subscription.group, dead);
              resolveOffset(chunk[chunk.length - 1]!.offset);
              await commitOffsetsIfNecessary();
              await heartbeat();
            }
          },
        });
      } catch (error) {
        retryLater(error);
      }
    };
    void start();
  }

  /** Sum over subscribed groups and their partitions of (latest offset − committed offset). */
  async lag(): Promise<number> {
    if (this.stopped) return 0;
    const admin = await this.connectAdmin();
    let lag = 0;
    for (const { group, topics } of this.groups) {
      for (const topic of topics) {
        const wire = this.namespace + topic;
        const [ends, [committed]] = await Promise.all([
          admin.fetchTopicOffsets(wire),
          admin.fetchOffsets({ groupId: this.namespace + group, topics: [wire] }),
        ]);
        for (const end of ends) {
          const done = Number(committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
          lag += Number(end.high) - (done >= 0 ? done : Number(end.low));
        }
      }
    }
    return lag;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.consumers].map((c) => c.disconnect()));
    await this.producer.disconnect().catch(() => undefined);
    if (this.admin) await (await this.admin.catch(() => undefined))?.disconnect();
  }

  /** The store is the consumer's table; the `.dlq` topic lets operators see and route them too. */
  private async forwardDeadLetters(group: string, dead: readonly DeadLetter[]): Promise<void> {
    if (dead.length === 0) return;
    await this.connect();
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: dead.map((letter) => ({
        topic: this.namespace + deadLetterTopic(letter.topic),
        messages: [{ value: JSON.stringify(letter.envelope), headers: { 'consumer-group': group, error: letter.error.slice(0, 1_000) } }],
      })),
    });
  }

  private connect(): Promise<void> {
    this.connected ??= (async () => {
      await this.ensureTopics();
      await this.producer.connect();
    })().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  private connectAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }

  /** Once per bus, however many subscriptions start or restart; tried again only after a failure. */
  private ensureTopics(): Promise<void> {
    this.topicsReady ??= this.createMissingTopics().catch((error: unknown) => {
      this.topicsReady = undefined;
      throw error;
    });
    return this.topicsReady;
  }

  /**
   * Topics keep every event (retention.ms=-1): they are the log a new consumer, a rebuilt
   * projection or a newly added subgraph replays from the beginning.
   */
  private async createMissingTopics(): Promise<void> {
    const admin = await this.connectAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = [...allTopics, ...allTopics.map(deadLetterTopic)].map((topic) => this.namespace + topic).filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: this.options.topicPartitions ?? 3,
        replicationFactor: this.options.topicReplication,
        configEntries: [{ name: 'retention.ms', value: '-1' }],
      })),
    });
  }
}
