import { Kafka, Partitioners, logLevel, type Consumer, type LogEntry, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { allTopics, type EventEnvelope } from '../catalogue';
import type { EventBus, OutgoingMessage, Subscription } from './event-bus';

export interface KafkaEventBusOptions {
  clientId: string;
  brokers: readonly string[];
  /** Replication factor for the topics the project creates; 3 in production, 1 on one broker. */
  topicReplication: number;
  topicPartitions?: number;
  logger: Logger;
}

const SUBSCRIBE_RETRY_MS = 2_000;

/** The broker driver: kafkajs with an idempotent producer and one consumer per group. */
export class KafkaEventBus implements EventBus {
  readonly name = 'kafka';
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly consumers = new Set<Consumer>();
  private connected?: Promise<void>;
  private topicsReady?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: KafkaEventBusOptions) {
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
      byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map(({ envelope }) => ({
          key: envelope.key,
          value: JSON.stringify(envelope),
          headers: { 'event-type': envelope.type, 'event-version': String(envelope.version) },
        })),
      })),
    });
  }

  /**
   * Starts consuming in the background, retrying while the broker is unreachable. kafkajs restarts
   * a consumer itself only after errors it deems retriable; after any other crash (say, no group
   * coordinator yet on a broker that is still starting) a fresh consumer takes over here.
   */
  async subscribe(subscription: Subscription): Promise<void> {
    const start = async (): Promise<void> => {
      if (this.stopped) return;
      const consumer = this.kafka.consumer({ groupId: subscription.group, allowAutoTopicCreation: false });
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
        await consumer.subscribe({ topics: [...subscription.topics], fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            if (!message.value) return;
            await subscription.handle(JSON.parse(message.value.toString()) as EventEnvelope);
          },
        });
      } catch (error) {
        retryLater(error);
      }
    };
    void start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.consumers].map((c) => c.disconnect()));
    await this.producer.disconnect().catch(() => undefined);
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

  /** Once per bus, however many subscriptions start or restart; tried again only after a failure. */
  private ensureTopics(): Promise<void> {
    this.topicsReady ??= this.createMissingTopics().catch((error: unknown) => {
      this.topicsReady = undefined;
      throw error;
    });
    return this.topicsReady;
  }

  private async createMissingTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = allTopics.filter((topic) => !existing.has(topic));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.options.topicPartitions ?? 3,
          replicationFactor: this.options.topicReplication,
        })),
      });
    } finally {
      await admin.disconnect();
    }
  }
}
