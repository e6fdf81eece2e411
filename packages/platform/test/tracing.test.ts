import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { currentTraceparent } from '@crm/events';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import express from 'express';
import { traceFields } from '../src/logging';
import { injectTraceContext, startTracing, traceRequests, type Tracing } from '../src/observability';

const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** A service whose one route reports the trace context it was served in, and the headers it would send on. */
async function serve(): Promise<{ url: string; server: Server }> {
  const app = express();
  app.get('/work', traceRequests('tracing-test'), (_req, res) => {
    const outgoing = new Map<string, string>();
    injectTraceContext(outgoing);
    res.json({ traceparent: currentTraceparent() ?? null, log: traceFields(), outgoing: Object.fromEntries(outgoing) });
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/work`, server };
}

async function get(url: string, traceparent = incoming): Promise<{ traceparent: string | null; log: Record<string, string>; outgoing: Record<string, string> }> {
  const response = await fetch(url, { headers: { traceparent } });
  return (await response.json()) as never;
}

describe('tracing', () => {
  let service: { url: string; server: Server };
  beforeAll(async () => {
    service = await serve();
  });
  afterAll(() => new Promise((resolve) => service.server.close(resolve)));

  it('without an exporter stays off, yet keeps the caller’s traceparent for events and logs', async () => {
    expect(startTracing({ serviceName: 'tracing-test', env: {} }).enabled).toBe(false);
    expect(await get(service.url)).toEqual({
      traceparent: incoming,
      log: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' },
      outgoing: {},
    });
    // A malformed header is ignored rather than written onto events.
    expect(await get(service.url, '00-not-a-trace-01')).toEqual({ traceparent: null, log: {}, outgoing: {} });
  });

  describe('with an exporter', () => {
    const exporter = new InMemorySpanExporter();
    let tracing: Tracing;
    beforeAll(() => {
      tracing = startTracing({ serviceName: 'tracing-test', exporter, processor: 'simple', env: {} });
    });
    afterAll(() => tracing.shutdown());

    it('is started once per process', () => {
      expect(tracing.enabled).toBe(true);
      expect(startTracing({ serviceName: 'another', env: {} })).toBe(tracing);
    });

    it("serves each request in a server span that continues the caller's trace", async () => {
      const seen = await get(service.url);
      const served = () => exporter.getFinishedSpans().filter((s) => s.attributes['crm.service'] === 'tracing-test');
      // The span ends when the response has been handed to the socket, a moment after the client reads it.
      for (let tries = 0; served().length === 0 && tries < 100; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      const [span] = served();
      expect(span).toMatchObject({ name: 'GET /work', kind: SpanKind.SERVER, parentSpanContext: { spanId: '00f067aa0ba902b7' } });
      expect(span!.attributes['http.response.status_code']).toBe(200);
      const { traceId, spanId } = span!.spanContext();
      expect(traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
      // Events recorded, lines logged and requests sent while serving it all name the server span.
      expect(seen).toEqual({
        traceparent: `00-${traceId}-${spanId}-01`,
        log: { trace_id: traceId, span_id: spanId },
        outgoing: { traceparent: `00-${traceId}-${spanId}-01` },
      });
    });
  });
});
