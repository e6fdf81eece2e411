import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, envDetector, detectResources, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface TracingOptions {
  /** `service.name` of the process's spans; OTEL_SERVICE_NAME overrides it. */
  serviceName: string;
  /**
   * Where finished spans go. Without one, spans are exported over OTLP/HTTP when
   * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, and tracing stays
   * off otherwise.
   */
  exporter?: SpanExporter;
  /** `batch` (the default) sends spans in the background; `simple` exports each as it ends (tests). */
  processor?: 'batch' | 'simple';
  env?: NodeJS.ProcessEnv;
}

export interface Tracing {
  /** False when nothing was configured: every span is then a no-op. */
  readonly enabled: boolean;
  readonly serviceName?: string;
  /** Exports the spans that have ended and not yet been sent. */
  forceFlush(): Promise<void>;
  /** Flushes, then unregisters the tracer, so a later startTracing may configure it anew. */
  shutdown(): Promise<void>;
}

const disabled: Tracing = { enabled: false, forceFlush: async () => undefined, shutdown: async () => undefined };

/** Process-wide, even if this module is loaded twice (sources and build) as OpenTelemetry's globals are. */
const RUNNING = Symbol.for('crm.observability.tracing');
const slot = globalThis as { [RUNNING]?: Tracing };

/** Whether startTracing registered a tracer in this process. */
export const tracingEnabled = (): boolean => slot[RUNNING]?.enabled === true;

/** The tracer the platform's own spans come from (a no-op one while tracing is off). */
export const platformTracer = (): Tracer => trace.getTracer('@crm/platform');

function exporterFromEnv(env: NodeJS.ProcessEnv): SpanExporter | undefined {
  return env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? new OTLPTraceExporter() : undefined;
}

/**
 * Starts OpenTelemetry tracing for this process: W3C trace context propagation, an async-local
 * context, and spans exported to `exporter` or over OTLP/HTTP. Idempotent: the first call that
 * finds an exporter configures the process (the local stack runs every service in one), later
 * calls return the same handle. With no exporter and no OTLP endpoint it does nothing, and every
 * span the system creates stays a no-op that costs next to nothing.
 */
export function startTracing(options: TracingOptions): Tracing {
  const running = slot[RUNNING];
  if (running) return running;
  const env = options.env ?? process.env;
  if (env.OTEL_SDK_DISABLED === 'true') return disabled;
  const exporter = options.exporter ?? exporterFromEnv(env);
  if (!exporter) return disabled;

  const serviceName = env.OTEL_SERVICE_NAME || options.serviceName;
  const processor = options.processor === 'simple' ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter);
  const provider = new BasicTracerProvider({
    // OTEL_RESOURCE_ATTRIBUTES (deployment.environment, service.version, …) adds to the resource.
    resource: defaultResource().merge(detectResources({ detectors: [envDetector] })).merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName })),
    spanProcessors: [processor],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);

  const tracing: Tracing = {
    enabled: true,
    serviceName,
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      if (slot[RUNNING] !== tracing) return;
      delete slot[RUNNING];
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
  slot[RUNNING] = tracing;
  return tracing;
}
