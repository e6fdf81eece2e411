export { OutboxMessage, OutboxMessageSchema } from './outbox-message.entity';
export { OutboxLog } from './outbox-log';
export { pendingOutboxCount } from './pending-count';
export { recordEvent, type RecordedEvent } from './record-event';
