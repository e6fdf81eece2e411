import { ApolloServer } from '@apollo/server';
import { register } from 'prom-client';
import { InputException } from '../src/errors';
import { requestMetricsPlugin } from '../src/observability';

/** A real server with the plugin, as a subgraph or the gateway has it. */
const server = new ApolloServer({
  typeDefs: `type Query { hello: String! refuse: String! crash: String! }`,
  resolvers: {
    Query: {
      hello: () => 'world',
      refuse: () => {
        throw new InputException('That name is taken; choose another.', 'name');
      },
      crash: () => {
        throw new Error('a defect');
      },
    },
  },
  plugins: [requestMetricsPlugin('metrics-test')],
});

beforeAll(() => server.start());
afterAll(() => server.stop());

async function sample(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const metric = await register.getSingleMetric(name.replace(/_(count|bucket|sum)$/, ''))!.get();
  return metric.values.find((value) => ((value as { metricName?: string }).metricName ?? metric.name) === name && Object.entries(labels).every(([k, v]) => value.labels[k] === v))?.value;
}

describe('GraphQL request metrics', () => {
  it('times a named operation under its name, never under its text', async () => {
    const before = (await sample('crm_graphql_request_duration_seconds_count', { service: 'metrics-test', operation: 'Greeting' })) ?? 0;
    const result = await server.executeOperation({ query: 'query Greeting { hello }' });
    expect(result.body.kind === 'single' && result.body.singleResult.data).toEqual({ hello: 'world' });

    expect(await sample('crm_graphql_request_duration_seconds_count', { service: 'metrics-test', operation: 'Greeting' })).toBe(before + 1);
    const exposition = await register.metrics();
    expect(exposition).toMatch(/crm_graphql_request_duration_seconds_bucket\{le="\+Inf",service="metrics-test",operation="Greeting"\} \d+/);
    expect(exposition).not.toContain('hello }');
  });

  it('times an unnamed operation as anonymous', async () => {
    const before = (await sample('crm_graphql_request_duration_seconds_count', { service: 'metrics-test', operation: 'anonymous' })) ?? 0;
    await server.executeOperation({ query: '{ hello }' });
    expect(await sample('crm_graphql_request_duration_seconds_count', { service: 'metrics-test', operation: 'anonymous' })).toBe(before + 1);
  });

  it('counts errors by their extensions.code', async () => {
    const count = (code: string) => sample('crm_graphql_errors_total', { service: 'metrics-test', code });
    const before = { input: (await count('BAD_USER_INPUT')) ?? 0, internal: (await count('INTERNAL_SERVER_ERROR')) ?? 0, parse: (await count('GRAPHQL_PARSE_FAILED')) ?? 0 };

    const refused = await server.executeOperation({ query: 'query Rename { refuse }' });
    expect(refused.body.kind === 'single' && refused.body.singleResult.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await server.executeOperation({ query: 'query Crash { crash }' });
    await server.executeOperation({ query: '{ hello ' });

    expect(await count('BAD_USER_INPUT')).toBe(before.input + 1);
    expect(await count('INTERNAL_SERVER_ERROR')).toBe(before.internal + 1);
    expect(await count('GRAPHQL_PARSE_FAILED')).toBe(before.parse + 1);
  });
});
