export * from './catalogue';
export * from './outbox';
export * from './bus';
export * from './relay';
export * from './inbox';
export * from './metrics';
export { eventsMigrations } from './events.migration';
export { pgArray } from './sql/pg-array';
