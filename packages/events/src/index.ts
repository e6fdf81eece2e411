export * from './catalogue';
export * from './outbox';
export * from './bus';
export * from './relay';
export * from './inbox';
export { eventsMigration } from './events.migration';
