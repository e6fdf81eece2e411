import type { Logger } from 'pino';
import type { EventBus } from './event-bus';
import { InProcessEventBus } from './in-process-event-bus';
import { KafkaEventBus } from './kafka-event-bus';

export interface EventBusConfig {
  transport: 'kafka' | 'in-process';
  clientId: string;
  brokers: readonly string[];
  topicReplication: number;
  logger: Logger;
}

export function createEventBus(config: EventBusConfig): EventBus {
  return config.transport === 'kafka' ? new KafkaEventBus(config) : new InProcessEventBus();
}
