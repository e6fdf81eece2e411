import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, parseEnv } from '@crm/platform';
import { gatewayEnvSchema, subgraphNamesIn, subgraphUrlOverrides, subgraphUrlVariable } from '../src/config';

/**
 * The gateway's `SUBGRAPH_URL_<NAME>` variables follow the supergraph it loads: a subgraph added to
 * scripts/subgraphs.ts (and so composed into the supergraph) needs no change to the gateway, and a
 * misspelt or removed name stops the start instead of being ignored.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'crm-gateway-config-'));
const supergraphPath = path.join(dir, 'supergraph.graphql');
writeFileSync(
  supergraphPath,
  `enum join__Graph {
  CUSTOMERS @join__graph(name: "customers", url: "http://localhost:4002/graphql")
  TRADE_MARKETING @join__graph(name: "trade-marketing", url: "http://localhost:4006/graphql")
}
`,
);
const base = {
  AUTH_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA\\n-----END PUBLIC KEY-----',
  SUPERGRAPH_PATH: supergraphPath,
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("reads the subgraphs' names from the supergraph, and names their variables with _ for -", () => {
  expect(subgraphNamesIn(`CUSTOMERS @join__graph(name: "customers", url: "x")\nTRADE_MARKETING @join__graph(name: "trade-marketing", url: "y")`)).toEqual([
    'customers',
    'trade-marketing',
  ]);
  expect(subgraphUrlVariable('trade-marketing')).toBe('SUBGRAPH_URL_TRADE_MARKETING');
});

it("overrides a subgraph's routing URL from its variable, whatever the subgraph", () => {
  const env = parseEnv(gatewayEnvSchema, {
    ...base,
    SUBGRAPH_URL_CUSTOMERS: 'http://customers:4002/graphql',
    SUBGRAPH_URL_TRADE_MARKETING: 'http://trade-marketing:4006/graphql',
    PATH: '/usr/bin',
  });
  expect(subgraphUrlOverrides(env)).toEqual({ customers: 'http://customers:4002/graphql', 'trade-marketing': 'http://trade-marketing:4006/graphql' });
  expect(subgraphUrlOverrides(parseEnv(gatewayEnvSchema, base))).toEqual({});
});

it('refuses a variable for a subgraph the supergraph does not have, and a URL that is not http(s), listing both', () => {
  const parse = () => parseEnv(gatewayEnvSchema, { ...base, SUBGRAPH_URL_CUSTOMER: 'http://customers:4002/graphql', SUBGRAPH_URL_TRADE_MARKETING: 'ftp://x' });
  expect(parse).toThrow(ConfigError);
  expect(parse).toThrow(
    'Invalid configuration:\n' +
      '  - SUBGRAPH_URL_CUSTOMER: the supergraph has no such subgraph; it has SUBGRAPH_URL_CUSTOMERS, SUBGRAPH_URL_TRADE_MARKETING\n' +
      '  - SUBGRAPH_URL_TRADE_MARKETING: must be an http(s) URL',
  );
});
