import type { Logger } from 'pino';
import type { EventBus } from './event-bus';
import { InProcessEventBus } from './in-process-event-bus';
import { KafkaEventBus } from './kafka-event-bus';

export interface EventBusConfig {
  transport: 'kafka' | 'in-process';
  clientId: string;
  brokers: readonly string[];
  topicReplication: number;
  /** Kafka only: prefix of every topic and consumer group (see KafkaEventBusOptions.namespace). */
  namespace?: string;
  logger: Logger;
}

export function createEventBus(config: EventBusConfig): EventBus {
  return config.transport === 'kafka' ? new KafkaEventBus(config) : new InProcessEventBus(config.logger);
}
