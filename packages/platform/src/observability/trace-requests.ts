import { runWithTraceparent } from '@crm/events';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, defaultTextMapGetter, defaultTextMapSetter, propagation, trace, type Span } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { platformTracer, tracingEnabled } from './tracing';

/** Marks a span as the work of one service; the local stack runs them all under one `service.name`. */
export const SERVICE_ATTRIBUTE = 'crm.service';

interface ServedRequest {
  method: string;
  route: string;
  path: string;
  /** Lower-case names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Serves one request as a SERVER span, the child of the caller's `traceparent` (the gateway's, or
 * a client's), and the active span meanwhile: events recorded then carry its trace context, and
 * log lines its trace id. While tracing is off it only keeps the caller's `traceparent` for them.
 * `serve` returns once the response is complete and gives back its status.
 */
export function serveTraced<T>(service: string, request: ServedRequest, serve: (finished: (status: number) => void) => T): T {
  const noop = () => undefined;
  const traceparent = request.headers.traceparent;
  if (!tracingEnabled()) return runWithTraceparent(typeof traceparent === 'string' ? traceparent : undefined, () => serve(noop));
  const parent = propagation.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter);
  const span = platformTracer().startSpan(
    `${request.method} ${request.route}`,
    {
      kind: SpanKind.SERVER,
      attributes: { [SERVICE_ATTRIBUTE]: service, 'http.request.method': request.method, 'http.route': request.route, 'url.path': request.path },
    },
    parent,
  );
  return context.with(trace.setSpan(parent, span), () => serve(endOnce(span)));
}

function endOnce(span: Span): (status: number) => void {
  let ended = false;
  return (status) => {
    if (ended) return;
    ended = true;
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
}

/** Express middleware serving each request through `serveTraced`. */
export function traceRequests(service: string): RequestHandler {
  return (req, res, next) => {
    const route = req.baseUrl || req.path;
    serveTraced(service, { method: req.method, route, path: req.originalUrl.split('?')[0]!, headers: req.headers }, (finished) => {
      const end = () => finished(res.statusCode);
      res.once('finish', end);
      res.once('close', end);
      next();
    });
  };
}

/**
 * Writes the active trace context into outgoing request headers (`traceparent`, `tracestate`),
 * replacing whatever was forwarded; leaves them as they are while tracing is off.
 */
export function injectTraceContext(headers: { set(name: string, value: string): unknown }): void {
  if (!tracingEnabled()) return;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier, defaultTextMapSetter);
  for (const [name, value] of Object.entries(carrier)) headers.set(name, value);
}
