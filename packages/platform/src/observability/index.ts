export { requestDuration, requestErrors, requestMetricsPlugin, serveMetrics } from './request-metrics';
export { SERVICE_ATTRIBUTE, injectTraceContext, serveTraced, traceRequests } from './trace-requests';
export { platformTracer, startTracing, tracingEnabled, type Tracing, type TracingOptions } from './tracing';
/** For tests and local debugging: startTracing({ exporter: new InMemorySpanExporter(), processor: 'simple' }). */
export { InMemorySpanExporter, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
export { SpanKind } from '@opentelemetry/api';
