import type { EventEnvelope } from '../catalogue';

export interface OutgoingMessage {
  topic: string;
  envelope: EventEnvelope;
}

/** An event a consumer gave up on after its retries; it waits in the consumer's dead-letter store. */
export interface DeadLetter {
  topic: string;
  /** As received: possibly not even an envelope. */
  envelope: unknown;
  error: string;
}

/** A batch as one topic delivered it, in the topic's order. */
export interface Delivery {
  topic: string;
  /** As received; the consumer checks each is an envelope it can read. */
  envelopes: readonly unknown[];
  /** In-process only: the log position of the last envelope, saved with the batch's effects. */
  position?: number;
}

export interface Subscription {
  /** Consumer group: every group gets every message once; replicas of one group share them. */
  group: string;
  topics: readonly string[];
  /**
   * Applies a batch in order, idempotently. Poison events are dead-lettered and returned rather
   * than thrown, so the topic moves on; a throw means nothing was recorded (say, the database is
   * down) and the whole batch is delivered again.
   */
  handle(delivery: Delivery): Promise<readonly DeadLetter[]>;
  /** In-process only: the log position this group has applied up to on a topic; 0 reads from the beginning. */
  position(topic: string): Promise<number>;
}

/** A subgraph's outbox read as an ordered log; the in-process transport delivers from it. */
export interface EventLog {
  /** Envelopes of one topic after a position, oldest first. */
  read(topic: string, afterPosition: number, limit: number): Promise<{ position: number; envelope: EventEnvelope }[]>;
  /** How many envelopes of a topic lie after a position. */
  countAfter(topic: string, position: number): Promise<number>;
  /** Called after the relay commits newly published rows. */
  onAppended(listener: () => void): void;
}

/**
 * The one interface subgraphs use to move events; the driver (in-process or Kafka) is chosen by
 * configuration. `publish` resolves only once the messages are durably handed on.
 */
export interface EventBus {
  readonly name: string;
  /**
   * Whether the transport keeps its own copy of the log (Kafka does). Where it does not, the
   * outbox is the log that delivery and replay read, so published rows are never expired.
   */
  readonly keepsLog: boolean;
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  /** Makes a subgraph's outbox readable as the log of the topics it owns (in-process delivery). */
  attachLog(topics: readonly string[], log: EventLog): void;
  subscribe(subscription: Subscription): Promise<void>;
  /** Messages published but not yet applied, summed over every subscribed group (0 = caught up). */
  lag(): Promise<number>;
  stop(): Promise<void>;
}
