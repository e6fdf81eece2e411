export type { DeadLetter, Delivery, EventBus, EventLog, OutgoingMessage, Subscription } from './event-bus';
export { InProcessEventBus } from './in-process-event-bus';
export { KafkaEventBus, deadLetterTopic, type KafkaEventBusOptions } from './kafka-event-bus';
export { createEventBus, type EventBusConfig } from './create-event-bus';
