export * from './envelope';
export * from './topics';
export * from './events';
export { currentTraceparent, runWithTraceparent } from './trace-context';
export * from './version';
export * from './decode-event';
export * from './contract-snapshot';
