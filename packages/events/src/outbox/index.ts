export { OutboxMessage, OutboxMessageSchema } from './outbox-message.entity';
export { recordEvent, type RecordedEvent } from './record-event';
