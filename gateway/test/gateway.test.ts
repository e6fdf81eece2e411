import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AuthKeys, schemaDir } from '@crm/platform';
import { errorCodes, graphql } from '@crm/testing';
import { startGateway, type RunningGateway } from '../src';

/** What the gateway refuses on its own, before any subgraph is asked. */
const supergraphSdl = readFileSync(path.join(schemaDir, 'supergraph.graphql'), 'utf8');
const actor = { userId: '0199a000-0000-7000-8000-000000000001', orgUnitId: '0199a000-0000-7000-8000-000000000002', orgPath: 'hq', roles: ['REP' as const] };

let keys: AuthKeys;
let token: string;
const running: RunningGateway[] = [];

/** Production here has its safelist off (SAFELIST_ONLY=false): these are the defences behind it. */
async function gateway(production: boolean): Promise<string> {
  const started = await startGateway({ port: 0, supergraphSdl, auth: keys, production, safelistOnly: false });
  running.push(started);
  return started.url;
}

beforeAll(async () => {
  keys = await AuthKeys.fromPem(await AuthKeys.generatePem());
  ({ token } = await keys.issueAccessToken(actor));
});

afterAll(async () => {
  await Promise.all(running.map((g) => g.stop()));
});

it('answers introspection in development and refuses it in production', async () => {
  const introspection = '{ __schema { queryType { name } } }';
  expect((await graphql(await gateway(false), introspection, { token })).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  expect(errorCodes(await graphql(await gateway(true), introspection, { token }))).toContain('GRAPHQL_VALIDATION_FAILED');
});

it('refuses a request a browser form could forge (CSRF prevention)', async () => {
  const response = await fetch(await gateway(true), {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ query: '{ me { id } }' }),
  });
  expect(response.status).toBe(400);
});

it.each([
  ['too deep', `{ me { orgUnit { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } } } }`],
  ['too many aliases', `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: me { id }`).join(' ')} }`],
])('refuses a query that is %s, with a code, before asking any subgraph', async (_case, query) => {
  const response = await graphql(await gateway(true), query, { token });
  expect(errorCodes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
});

it('serves Prometheus metrics: its requests by operation and its errors by code', async () => {
  const url = await gateway(true);
  await graphql(url, 'query Refused { __schema { queryType { name } } }', { token });
  const metrics = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  expect(metrics).toMatch(/crm_graphql_request_duration_seconds_count\{service="gateway",operation="Refused"\} [1-9]/);
  expect(metrics).toMatch(/crm_graphql_errors_total\{service="gateway",code="GRAPHQL_VALIDATION_FAILED"\} [1-9]/);
});
