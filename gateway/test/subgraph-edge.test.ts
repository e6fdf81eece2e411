import { demoData } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { errorCodes, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';

/**
 * A subgraph asked directly (as anything inside the cluster can) guards its edge like the gateway:
 * malformed strings never reach PostgreSQL, unreadable bodies are answered as JSON with a code.
 */
let system: TestSubgraphs;
let url: string;

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph], { seedDemoData: true });
  url = system.running.identity!.url;
}, 120_000);

afterAll(async () => system?.stop());

const LOGIN = 'mutation ($email: String!) { login(email: $email, password: "secret") { accessToken } }';

it.each([
  ['a NUL in a variable', LOGIN, { email: '\u0000' }, '$email'],
  ['a lone surrogate in a variable', LOGIN, { email: 'rep\ud83d@demo.crm' }, '$email'],
  ['a NUL in a literal', 'mutation { login(email: "\\u0000", password: "secret") { accessToken } }', undefined, 'login(email)'],
])('refuses %s as BAD_USER_INPUT (HTTP 400) naming where it is', async (_case, query, variables, field) => {
  const response = await graphql(url, query, { variables });
  expect(response.status).toBe(400);
  expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  expect(response.errors![0]!.extensions!.field).toBe(field);
});

it('answers an entity of a type it does not know as BAD_USER_INPUT, not an internal error', async () => {
  const user = demoData().users[0]!;
  const token = await system.tokenFor({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
  const response = await graphql(url, 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { token, variables: { r: [{ __typename: 'Nope', id: '1' }] } });
  expect(response.status).toBe(400);
  expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  expect(response.errors![0]!.extensions!.reason).toBe('UNKNOWN_ENTITY_TYPE');
  const known = await graphql(url, 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { token, variables: { r: [{ __typename: 'User', id: user.id }] } });
  expect(known.errors).toBeUndefined();
});

it('still answers a well-formed login attempt as a wrong password, not an edge refusal', async () => {
  const response = await graphql(url, LOGIN, { variables: { email: 'nobody😀@demo.crm' } });
  expect(errorCodes(response)).not.toContain('BAD_USER_INPUT');
  expect(errorCodes(response)).not.toContain('INTERNAL_SERVER_ERROR');
});

it.each([
  ['truncated JSON', '{"query":', {}, 400],
  ['charset=latin1', '{}', { 'content-type': 'application/json; charset=latin1' }, 415],
])('answers %s with JSON and BAD_REQUEST', async (_case, body, headers, status) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  expect(response.status).toBe(status);
  expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
});
