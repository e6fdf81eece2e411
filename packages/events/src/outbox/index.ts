export { OutboxMessage, OutboxMessageSchema } from './outbox-message.entity';
export { pendingOutboxCount } from './pending-count';
export { recordEvent, type RecordedEvent } from './record-event';
