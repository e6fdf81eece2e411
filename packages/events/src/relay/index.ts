export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
