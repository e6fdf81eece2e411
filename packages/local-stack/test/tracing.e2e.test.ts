import { InMemorySpanExporter, SpanKind, startTracing, type ReadableSpan, type Tracing } from '@crm/platform';
import { describeWithKafka, eventually, graphql, uniqueDatabasePrefix } from '@crm/testing';
import type { LocalStack } from '../src';
import { signIn, startDemoStack } from './support/demo-stack';

/**
 * Acceptance of observability: one request's trace runs from the gateway through the subgraph that
 * records an event, the relay that publishes it to Kafka, and the consumer that applies it.
 */
describeWithKafka('one trace from the gateway through a subgraph and Kafka to a consumer', (brokers) => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let stack: LocalStack;

  beforeAll(async () => {
    // Before the stack starts, so every service's spans go to this exporter.
    tracing = startTracing({ serviceName: 'crm-tracing-test', exporter, processor: 'simple' });
    ({ stack } = await startDemoStack({ kafkaBrokers: brokers, kafkaNamespace: uniqueDatabasePrefix() }));
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    await tracing?.shutdown();
  });

  const service = (span: ReadableSpan) => span.attributes['crm.service'];

  it('covers the gateway, the customers subgraph, the Kafka producer and the analytics consumer', async () => {
    const { accessToken } = await signIn(stack, 'rep1.east.shanghai.team1');
    const created = await graphql<{ createCustomer: { id: string } }>(
      stack.gateway.url,
      'mutation TraceThrough { createCustomer(input: { name: "南京全链路追踪有限公司", kind: COMPANY }) { id } }',
      { token: accessToken },
    );
    expect(created.errors).toBeUndefined();
    const customerId = created.data!.createCustomer.id;

    const gateway = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && service(s) === 'gateway' && s.name === 'mutation TraceThrough');
    if (!gateway) throw new Error(`no gateway span: ${exporter.getFinishedSpans().map((s) => s.name).join(', ')}`);
    const { traceId } = gateway.spanContext();
    const inTrace = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const consumedBy = (group: string) => (s: ReadableSpan) =>
      s.kind === SpanKind.CONSUMER && s.attributes['messaging.consumer.group.name'] === group && s.attributes['crm.event.type'] === 'customer.created';
    await eventually(async () => expect(inTrace().some(consumedBy('analytics.customer-count'))).toBe(true), 60_000, 200);

    const spans = inTrace();
    // The subgraph served the gateway's fetch: its server span hangs under the gateway's request.
    const subgraph = spans.find((s) => s.kind === SpanKind.SERVER && service(s) === 'customers');
    expect(subgraph?.name).toMatch(/^mutation TraceThrough/);
    expect(spans.map((s) => s.spanContext().spanId)).toContain(subgraph!.parentSpanContext?.spanId);

    // The relay published the event the subgraph recorded, in a producer span under the subgraph's.
    const producer = spans.find((s) => s.kind === SpanKind.PRODUCER && s.attributes['crm.event.type'] === 'customer.created');
    expect(producer).toMatchObject({ name: 'send crm.customers.customers', attributes: { 'crm.service': 'customers' } });
    expect(producer!.parentSpanContext?.spanId).toBe(subgraph!.spanContext().spanId);

    // Analytics consumed it from Kafka, the producer span's context arriving in the message header.
    const consumer = spans.find(consumedBy('analytics.customer-count'));
    expect(consumer).toMatchObject({ name: 'process crm.customers.customers', attributes: { 'crm.service': 'analytics' } });
    expect(consumer!.parentSpanContext?.spanId).toBe(producer!.spanContext().spanId);
    expect(producer!.attributes['messaging.message.id']).toBe(consumer!.attributes['messaging.message.id']);

    // The event in the outbox names the trace too.
    const [row] = (await stack.subgraphs.customers!.orm.em
      .fork()
      .getConnection()
      .execute(`select envelope->>'traceparent' as traceparent from outbox_message where envelope->>'key' = ?`, [customerId])) as { traceparent: string }[];
    expect(row!.traceparent.split('-')[1]).toBe(traceId);
  });
});
