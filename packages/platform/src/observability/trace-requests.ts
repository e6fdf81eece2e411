import { runWithTraceparent } from '@crm/events';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, defaultTextMapGetter, defaultTextMapSetter, propagation, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { platformTracer, tracingEnabled } from './tracing';

/** Marks a span as the work of one service; the local stack runs them all under one `service.name`. */
export const SERVICE_ATTRIBUTE = 'crm.service';

/**
 * Express middleware making each request a SERVER span, the child of the caller's `traceparent`
 * (the gateway's, or a client's), and the active span while the request is served: events recorded
 * then carry its trace context, and log lines its trace id. While tracing is off it only keeps the
 * caller's `traceparent` for them.
 */
export function traceRequests(service: string): RequestHandler {
  return (req, res, next) => {
    if (!tracingEnabled()) return runWithTraceparent(req.header('traceparent'), next);
    const parent = propagation.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
    const route = req.baseUrl || req.path;
    const span = platformTracer().startSpan(
      `${req.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: { [SERVICE_ATTRIBUTE]: service, 'http.request.method': req.method, 'http.route': route, 'url.path': req.originalUrl.split('?')[0] },
      },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(trace.setSpan(parent, span), next);
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
