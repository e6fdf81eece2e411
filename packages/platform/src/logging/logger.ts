import { currentTraceparent } from '@crm/events';
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * The trace and span of the work a line is logged in (the active OpenTelemetry span, or the
 * `traceparent` a request came with), so a log search can jump to the trace and back.
 */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const traceparent = currentTraceparent();
  if (!traceparent) return {};
  const [, trace_id, span_id] = traceparent.split('-');
  return { trace_id, span_id };
}

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, redact: ['req.headers.authorization', 'password'], mixin: traceFields });
}
