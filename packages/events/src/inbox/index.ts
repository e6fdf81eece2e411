export { openDeadLetters, replayDeadLetters, type StoredDeadLetter } from './dead-letters';
export { toSubscription, type ConsumerOptions, type EventBatchHandler, type EventConsumer, type EventHandler, type EventHandlers } from './event-consumer';
