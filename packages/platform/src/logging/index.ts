export { createLogger, traceFields, type Logger } from './logger';
