export { toSubscription, type EventConsumer, type EventHandler, type EventHandlers } from './event-consumer';
