import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  isSpanContextValid,
  trace,
  type Context,
  type Span,
  type SpanContext,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

const storage = new AsyncLocalStorage<string>();
const w3c = new W3CTraceContextPropagator();
const tracer = () => trace.getTracer('@crm/events');

const recordGetter: TextMapGetter<Record<string, string | undefined>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};
const recordSetter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => void (carrier[key] = value),
};

/**
 * Carries the W3C `traceparent` of the request being served, so events recorded while serving it
 * name the trace they belong to without every service passing it along by hand. With OpenTelemetry
 * tracing running, the active span says the same and takes precedence (see currentTraceparent);
 * without it, this is the whole of the trace context.
 */
export function runWithTraceparent<T>(traceparent: string | undefined, work: () => T): T {
  // A malformed header is ignored, as a tracer would: events and logs carry only well-formed ones.
  return traceparent && isWellFormed(traceparent) ? storage.run(traceparent, work) : work();
}

const isWellFormed = (traceparent: string): boolean => {
  const spanContext = trace.getSpanContext(contextFromTraceparent(traceparent));
  return spanContext !== undefined && isSpanContextValid(spanContext);
};

/** The `traceparent` of a span context, e.g. `00-<trace id>-<span id>-01`. */
export function traceparentOf(spanContext: SpanContext): string | undefined {
  if (!isSpanContextValid(spanContext)) return undefined;
  const carrier: Record<string, string> = {};
  w3c.inject(trace.setSpanContext(ROOT_CONTEXT, spanContext), carrier, recordSetter);
  return carrier.traceparent;
}

/** A context whose (remote) parent is the given `traceparent`; ROOT_CONTEXT when it is absent or malformed. */
export function contextFromTraceparent(traceparent: string | undefined, base: Context = ROOT_CONTEXT): Context {
  return traceparent ? w3c.extract(base, { traceparent }, recordGetter) : base;
}

/**
 * The trace context of the work in progress: the active OpenTelemetry span when tracing runs,
 * otherwise the `traceparent` the request arrived with (runWithTraceparent).
 */
export function currentTraceparent(): string | undefined {
  const span = trace.getActiveSpan();
  return (span && traceparentOf(span.spanContext())) ?? storage.getStore();
}

/**
 * The trace context an envelope object travels with on the wire, when the transport carries one
 * beside the envelope's own (the relay's producer span, a Kafka message's `traceparent` header).
 * Kept beside the object rather than in it, so the envelope stays as it was recorded.
 */
const wire = new WeakMap<object, string>();

export function setWireTraceparent(envelope: unknown, traceparent: string | undefined): void {
  if (traceparent && typeof envelope === 'object' && envelope !== null) wire.set(envelope, traceparent);
}

export function wireTraceparent(envelope: unknown): string | undefined {
  return typeof envelope === 'object' && envelope !== null ? wire.get(envelope) : undefined;
}

interface TracedEvent {
  topic: string;
  envelope: { id: string; type: string; source?: string; traceparent?: string };
  /** The parent to continue: the transport's trace context, else the envelope's. */
  traceparent?: string;
}

const messagingAttributes = (operation: string, event: TracedEvent) => ({
  'messaging.operation.type': operation,
  'messaging.destination.name': event.topic,
  'messaging.message.id': event.envelope.id,
  'crm.event.type': event.envelope.type,
});

const fail = (spans: readonly Span[], error: unknown): void => {
  for (const span of spans) {
    if (error instanceof Error) span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
};

/**
 * Runs the publishing of events inside one PRODUCER span per event, each the child of the trace
 * the event was recorded in, and remembers each span's context as the envelope's wire trace
 * context for the transport to send along (Kafka puts it in the `traceparent` header).
 * Without a tracer registered the spans are no-ops that repeat the envelope's own context.
 */
export async function withProducerSpans<T>(
  events: readonly { topic: string; envelope: TracedEvent['envelope'] }[],
  work: () => Promise<T>,
): Promise<T> {
  const spans = events.map((event) => {
    const span = tracer().startSpan(
      `send ${event.topic}`,
      { kind: SpanKind.PRODUCER, attributes: { ...messagingAttributes('send', event), ...(event.envelope.source ? { 'crm.service': event.envelope.source } : {}) } },
      contextFromTraceparent(event.envelope.traceparent),
    );
    setWireTraceparent(event.envelope, traceparentOf(span.spanContext()));
    return span;
  });
  try {
    return await work();
  } catch (error) {
    fail(spans, error);
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}

/**
 * Runs a consumer's handling of events inside one CONSUMER span per event, each the child of the
 * event's trace context. The handler runs with the first event's span active (for a run of one,
 * its own), so events it records and lines it logs continue that trace.
 */
export async function withConsumerSpans<T>(consumer: string, service: string, events: readonly TracedEvent[], work: () => Promise<T>): Promise<T> {
  const spans = events.map((event) =>
    tracer().startSpan(
      `process ${event.topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: { ...messagingAttributes('process', event), 'messaging.consumer.group.name': consumer, 'crm.service': service },
      },
      contextFromTraceparent(event.traceparent ?? event.envelope.traceparent),
    ),
  );
  const first = spans[0];
  const active = first ? trace.setSpan(ROOT_CONTEXT, first) : ROOT_CONTEXT;
  // Without tracing the spans record nothing, but the trace id still reaches events and logs.
  const fallback = events[0] && (traceparentOf(first!.spanContext()) ?? events[0].traceparent ?? events[0].envelope.traceparent);
  try {
    return await context.with(active, () => runWithTraceparent(fallback, work));
  } catch (error) {
    fail(spans, error);
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}
