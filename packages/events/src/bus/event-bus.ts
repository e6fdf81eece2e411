import type { EventEnvelope } from '../catalogue';

export interface OutgoingMessage {
  topic: string;
  envelope: EventEnvelope;
}

export interface Subscription {
  /** Consumer group: every group gets every message once; replicas of one group share them. */
  group: string;
  topics: readonly string[];
  /** Must be idempotent; a throw means "not handled" and the message is delivered again. */
  handle(envelope: EventEnvelope): Promise<void>;
}

/**
 * The one interface subgraphs use to move events; the driver (in-process or Kafka) is chosen by
 * configuration. `publish` resolves only once the messages are durably accepted.
 */
export interface EventBus {
  readonly name: string;
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  subscribe(subscription: Subscription): Promise<void>;
  stop(): Promise<void>;
}
