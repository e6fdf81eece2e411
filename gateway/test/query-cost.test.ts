import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AuthKeys, schemaDir } from '@crm/platform';
import { errorCodes, graphql } from '@crm/testing';
import { startGateway, type RunningGateway } from '../src';

/**
 * The cost limit, against a real gateway whose subgraphs are one stub that counts what it is asked
 * and answers every question with an empty page: a refused query must never reach it.
 */
const supergraphSdl = readFileSync(path.join(schemaDir, 'supergraph.graphql'), 'utf8');
const actor = { userId: '0199a000-0000-7000-8000-000000000001', orgUnitId: '0199a000-0000-7000-8000-000000000002', orgPath: 'hq', roles: ['REP' as const] };
const EMPTY_PAGE = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };

let token: string;
let gateway: RunningGateway;
let stub: Server;
let subgraphRequests = 0;

beforeAll(async () => {
  const keys = await AuthKeys.fromPem(await AuthKeys.generatePem());
  ({ token } = await keys.issueAccessToken(actor));
  stub = createServer((req, res) => {
    subgraphRequests += 1;
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { customers: EMPTY_PAGE } }));
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  const stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/graphql`;
  const subgraphUrls = Object.fromEntries(['analytics', 'customers', 'funnel', 'identity', 'service'].map((name) => [name, stubUrl]));
  // The cost limit is what guards production when its safelist is turned off (SAFELIST_ONLY=false).
  gateway = await startGateway({ port: 0, supergraphSdl, auth: keys, subgraphUrls, production: true, safelistOnly: false });
});

afterAll(async () => {
  await gateway?.stop();
  await new Promise((resolve) => stub?.close(resolve));
});

beforeEach(() => {
  subgraphRequests = 0;
});

/** customers → owner → customers → leads, each page of `first` (literal, variable or left out). */
const nested = (first: string) =>
  `customers${first} { edges { node { id owner { id customers${first} { edges { node { id leads${first} { edges { node { id title } } } } } } } } } }`;

/** A page of customers, each with its owner, and its owner's page of customers: 100 × 100. */
const nested100x100 = 'customers(first: 100) { edges { node { id owner { id customers(first: 100) { edges { node { id name } } } } } } }';

/** What a customer list screen shows: 50 customers, each with its owner, 5 leads and 5 complaints. */
const customerListPage = (variables: string, first: string, related: string) => `query CustomerList${variables} {
  customers(first: ${first}) {
    edges {
      cursor
      node {
        id name kind city createdAt
        owner { id displayName }
        secondaryOwner { id displayName }
        leads(first: ${related}) { edges { node { id title status owner { id displayName } } } pageInfo { hasNextPage } }
        complaints(first: ${related}) { edges { node { id } } pageInfo { hasNextPage } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

function expectRefusedForCost(response: Awaited<ReturnType<typeof graphql>>, cost: number) {
  expect(response.status).toBe(400);
  expect(response.data ?? null).toBeNull();
  expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  expect(response.errors?.[0]?.message).toBe(`Query cost limit of 10000 exceeded, found ${cost}.`);
  expect(response.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', maxCost: 10000, cost });
  expect(subgraphRequests).toBe(0);
}

it('refuses the nested 100 × 100 × 100 query with literal page sizes', async () => {
  expectRefusedForCost(await graphql(gateway.url, `{ ${nested('(first: 100)')} }`, { token }), 2_030_401);
});

it('refuses it when the page size is a variable', async () => {
  const response = await graphql(gateway.url, `query Nested($f: Int) { ${nested('(first: $f)')} }`, { token, variables: { f: 100 } });
  expectRefusedForCost(response, 2_030_401);
});

it("refuses it when the page size is a variable's default in the operation", async () => {
  expectRefusedForCost(await graphql(gateway.url, `query Nested($f: Int = 100) { ${nested('(first: $f)')} }`, { token }), 2_030_401);
});

it("refuses it when the page sizes are left out (the schema's default, 20)", async () => {
  expectRefusedForCost(await graphql(gateway.url, `{ ${nested('')} }`, { token }), 17_281);
});

it('refuses ten aliases of a nested 100 × 100 query', async () => {
  const aliases = Array.from({ length: 10 }, (_, i) => `a${i}: ${nested100x100}`).join(' ');
  expectRefusedForCost(await graphql(gateway.url, `{ ${aliases} }`, { token }), 204_010);
});

it('refuses ten aliases even when each hides behind a fragment and a variable', async () => {
  const query = `query Many($f: Int!) { ${Array.from({ length: 10 }, (_, i) => `a${i}: customers(first: $f) { ...Owners }`).join(' ')} }
    fragment Owners on CustomerConnection { edges { node { owner { customers(first: $f) { edges { node { id } } } } } } }`;
  expectRefusedForCost(await graphql(gateway.url, query, { token, variables: { f: 100 } }), 204_010);
});

it.each([
  ['with literal page sizes', customerListPage('', '50', '5'), {}],
  ['with page sizes in variables', customerListPage('($first: Int!, $related: Int = 5)', '$first', '$related'), { first: 50 }],
])("passes a customer list screen's page, %s: 50 customers, each with its owners, 5 leads and 5 complaints", async (_form, query, variables) => {
  const response = await graphql(gateway.url, query, { token, variables });
  expect(response.errors).toBeUndefined();
  expect(response.data).toEqual({ customers: EMPTY_PAGE });
  expect(subgraphRequests).toBe(1);
});

it('passes a full page of 100 customers with 20 leads and 20 complaints each', async () => {
  const query = '{ customers(first: 100) { edges { node { id name leads { edges { node { id title } } } complaints { edges { node { id } } } } } pageInfo { hasNextPage endCursor } } }';
  const response = await graphql(gateway.url, query, { token });
  expect(response.errors).toBeUndefined();
  expect(subgraphRequests).toBe(1);
});

it('does not count what @skip or @include leaves out', async () => {
  const deep = 'customers(first: 100) @include(if: $deep) { edges { node { id owner { customers(first: 100) { edges { node { id } } } } } } }';
  const query = `query Maybe($deep: Boolean!) { customers(first: 10) { edges { node { id owner { id ${deep} } } } } }`;
  expect(errorCodes(await graphql(gateway.url, query, { token, variables: { deep: true } }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  expect((await graphql(gateway.url, query, { token, variables: { deep: false } })).errors).toBeUndefined();
});

it('leaves variables execution refuses to execution, which asks no subgraph', async () => {
  const response = await graphql(gateway.url, `query Nested($f: Int!) { ${nested('(first: $f)')} }`, { token, variables: { f: 'many' } });
  expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  expect(subgraphRequests).toBe(0);
});
