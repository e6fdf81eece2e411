import { readFileSync } from 'node:fs';
import path from 'node:path';
import { identitySubgraph } from '@crm/identity';
import { AuthKeys, createLogger, schemaDir } from '@crm/platform';
import { startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { serverAudits, type AuditResult } from 'graphql-http';
import { startGateway, type RunningGateway } from '../src';

/**
 * The GraphQL-over-HTTP spec's server audits (graphql-http) against the gateway and one subgraph:
 * every MUST and SHOULD holds (MAY ones are not required).
 * Several audits introspect (`__type`), which the gateway describes to signed-in callers only and
 * never in production, so the gateway is audited in development with a token.
 */
let gateway: RunningGateway;
let token: string;
let system: TestSubgraphs;

beforeAll(async () => {
  const supergraphSdl = readFileSync(path.join(schemaDir, 'supergraph.graphql'), 'utf8');
  const auth = await AuthKeys.fromPem(await AuthKeys.generatePem());
  ({ token } = await auth.issueAccessToken({ userId: '0199a000-0000-7000-8000-000000000001', orgUnitId: '0199a000-0000-7000-8000-000000000002', orgPath: 'hq', roles: ['REP'] }));
  gateway = await startGateway({ port: 0, supergraphSdl, auth, production: false, logger: createLogger('gateway', 'silent') });
  system = await startTestSubgraphs([identitySubgraph]);
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  await system?.stop();
});

async function failures(url: string, headers: Record<string, string> = {}): Promise<string[]> {
  const fetchFn = (input: string | URL | Request, init: RequestInit = {}) => fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } });
  const results: AuditResult[] = await Promise.all(serverAudits({ url, fetchFn }).map((audit) => audit.fn()));
  return results
    .filter((result) => result.status !== 'ok' && !/^MAY\b/.test(result.name))
    .map((result) => `${result.name}: ${'reason' in result ? result.reason : result.status}`);
}

it('passes every MUST and SHOULD audit at the gateway', async () => {
  expect(await failures(gateway.url, { authorization: `Bearer ${token}` })).toEqual([]);
});

it('passes every MUST and SHOULD audit at a subgraph', async () => {
  expect(await failures(system.running.identity!.url)).toEqual([]);
});
