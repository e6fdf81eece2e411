import { serverAudits, type AuditResult } from 'graphql-http';
import type { LocalStack } from '../src';
import { signIn, startDemoStack } from './support/demo-stack';

/**
 * The GraphQL-over-HTTP spec's server audits (graphql-http) against every subgraph of a running
 * system, signed in: every MUST and SHOULD holds (MAY ones are not required). The gateway's own
 * audit is gateway/test/graphql-http-audit.test.ts.
 */
let stack: LocalStack;
let token: string;

beforeAll(async () => {
  ({ stack } = await startDemoStack());
  ({ accessToken: token } = await signIn(stack, 'rep1.east.shanghai.team1'));
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function failures(url: string): Promise<string[]> {
  const fetchFn = (input: string | URL | Request, init: RequestInit = {}) =>
    fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
  const results: AuditResult[] = await Promise.all(serverAudits({ url, fetchFn }).map((audit) => audit.fn()));
  return results.filter((result) => result.status !== 'ok' && !/^MAY\b/.test(result.name)).map((result) => `${result.name}: ${'reason' in result ? result.reason : result.status}`);
}

it.each(['identity', 'customers', 'funnel', 'service', 'analytics'])('passes every MUST and SHOULD audit at the %s subgraph', async (name) => {
  expect(await failures(stack.subgraphs[name]!.url)).toEqual([]);
});
