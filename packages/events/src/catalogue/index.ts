export * from './envelope';
export * from './topics';
export * from './events';
export { currentTraceparent, runWithTraceparent } from './trace-context';
