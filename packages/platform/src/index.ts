export * from './auth';
export * from './config';
export * from './database';
export * from './errors';
export * from './logging';
export * from './pagination';
export * from './subgraph';
export * from './validation';
