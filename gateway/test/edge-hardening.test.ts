import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { AuthKeys, createLogger, schemaDir } from '@crm/platform';
import { errorCodes, graphql } from '@crm/testing';
import { loadPersistedDocuments, startGateway, type RunningGateway } from '../src';

/**
 * What the gateway answers at its edge, before asking any subgraph (none runs here): unreadable
 * bodies, malformed strings, anonymous introspection, unparsable or oversized documents and
 * mismatched persisted queries all come back as JSON with a code and a 4xx status, never a stack.
 */
const supergraphSdl = readFileSync(path.join(schemaDir, 'supergraph.graphql'), 'utf8');
const actor = { userId: '0199a000-0000-7000-8000-000000000001', orgUnitId: '0199a000-0000-7000-8000-000000000002', orgPath: 'hq', roles: ['REP' as const] };

let keys: AuthKeys;
let token: string;
/** Production with the safelist turned off (SAFELIST_ONLY=false): the other hardening still holds. */
let production: string;
/** Production as deployed: only the clients' persisted documents run. */
let safelisted: string;
let development: string;
const documents = loadPersistedDocuments(path.join(schemaDir, 'persisted-documents.json'));
const idOf = (name: string) => [...documents].find(([, body]) => body.startsWith(`query ${name}`) || body.startsWith(`mutation ${name}`))![0];
const running: RunningGateway[] = [];

beforeAll(async () => {
  keys = await AuthKeys.fromPem(await AuthKeys.generatePem());
  ({ token } = await keys.issueAccessToken(actor));
  const start = async (options: { production: boolean; safelistOnly?: boolean }) => {
    const started = await startGateway({ port: 0, supergraphSdl, auth: keys, persistedDocuments: documents, logger: createLogger('gateway', 'silent'), ...options });
    running.push(started);
    return started.url;
  };
  production = await start({ production: true, safelistOnly: false });
  safelisted = await start({ production: true });
  development = await start({ production: false });
});

afterAll(async () => {
  await Promise.all(running.map((g) => g.stop()));
});

async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
}

describe('a request body the gateway cannot read (#2)', () => {
  it.each([
    ['truncated JSON', '{"query":', {}, 400],
    ['JSON null', 'null', {}, 400],
    ['a body of 1 MB or more', JSON.stringify({ query: `{ me { id } } #${'x'.repeat(1024 * 1024)}` }), {}, 413],
    ['charset=latin1', JSON.stringify({ query: '{ me { id } }' }), { 'content-type': 'application/json; charset=latin1' }, 415],
    ['charset=utf-16 over a UTF-8 body', JSON.stringify({ query: '{ me { id } }' }), { 'content-type': 'application/json; charset=utf-16' }, 400],
    ['an unknown content-encoding', JSON.stringify({ query: '{ me { id } }' }), { 'content-encoding': 'bogus' }, 415],
    ['a gzip content-encoding over a body that is not gzip', JSON.stringify({ query: '{ me { id } }' }), { 'content-encoding': 'gzip' }, 400],
  ] as const)('answers %s with JSON, code BAD_REQUEST and no stack', async (_case, body, headers, status) => {
    const response = await post(production, body, headers);
    expect(response.status).toBe(status);
    expect(response.contentType).toMatch(/^application\/json/);
    expect(response.text).not.toMatch(/node_modules|\bat \w+ \(|<html|<pre/i);
    expect((JSON.parse(response.text) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('still reads a gzip-encoded body', async () => {
    const response = await post(production, gzipSync(JSON.stringify({ query: '{ __typename }' })), { 'content-encoding': 'gzip', authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
  });
});

describe('strings no text column can hold (#5)', () => {
  const LOGIN = 'mutation ($email: String!) { login(email: $email, password: "secret") { accessToken } }';
  const CREATE = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }';

  it.each([
    ['a NUL in a variable', LOGIN, { email: 'a\u0000@demo.crm' }, '$email'],
    ['a lone high surrogate in a variable', LOGIN, { email: '\ud83d' }, '$email'],
    ['a lone low surrogate in a variable', LOGIN, { email: 'x\ude00y' }, '$email'],
    ['a lone surrogate inside an input object', CREATE, { input: { name: 'Acme \ud83d', kind: 'COMPANY' } }, '$input.name'],
    ['a NUL inside a list of an input object', CREATE, { input: { name: 'Acme', kind: 'COMPANY', tags: ['ok', 'bad\u0000'] } }, '$input.tags[1]'],
    ['a NUL in a literal argument', 'mutation { login(email: "\\u0000", password: "secret") { accessToken } }', undefined, 'login(email)'],
    ['a NUL in a literal inside an input object', 'mutation { createCustomer(input: { name: "A\\u0000", kind: COMPANY }) { id } }', undefined, 'createCustomer(input).name'],
  ])('refuses %s as BAD_USER_INPUT naming where it is', async (_case, query, variables, where) => {
    for (const url of [production, development]) {
      const response = await graphql(url, query, { variables, token });
      expect(response.status).toBe(400);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0]!.extensions!.field).toBe(where);
    }
  });

  it('lets well-formed text through, emoji (a surrogate pair) included', async () => {
    const response = await graphql(production, LOGIN, { variables: { email: 'rep😀@demo.crm' } });
    // No subgraph runs here: getting past the edge means failing to reach identity, not a refusal.
    expect(errorCodes(response)).not.toContain('BAD_USER_INPUT');
  });
});

describe('introspection and field suggestions (#9)', () => {
  it('describes the schema to signed-in callers only, even in development', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    const anonymous = await graphql(development, introspection);
    expect(anonymous.status).toBe(401);
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await graphql(development, 'query { me { id } __type(name: "Customer") { name } }'))).toEqual(['UNAUTHENTICATED']);
    expect((await graphql(development, introspection, { token })).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('suggests no field names in production', async () => {
    for (const options of [{}, { token }]) {
      const response = await graphql(production, '{ customerz { id } }', options);
      expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(response.errors![0]!.message).not.toMatch(/did you mean/i);
    }
  });
});

describe('documents the gateway cannot take (#6, #7)', () => {
  it.each([
    ['a syntax error', 'GRAPHQL_PARSE_FAILED', '{ me { id }'],
    ['too many tokens', 'GRAPHQL_PARSE_FAILED', `{ me { ${'id '.repeat(3000)} } }`],
    ['two anonymous operations', 'GRAPHQL_VALIDATION_FAILED', '{ me { id } } { me { id } }'],
    ['two named operations and no operationName', 'OPERATION_RESOLUTION_FAILURE', 'query A { me { id } } query B { me { id } }'],
  ])('answers %s with HTTP 400 and %s', async (_case, code, query) => {
    for (const url of [production, development]) {
      const response = await graphql(url, query, { token });
      expect(response.status).toBe(400);
      expect(new Set(errorCodes(response))).toEqual(new Set([code]));
    }
  });

  it('refuses a persisted query whose hash is not its document’s', async () => {
    const response = await post(production, JSON.stringify({ query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('refuses to parse or register a document padded past the size cap', async () => {
    const query = `{ me { id } } #${'x'.repeat(900 * 1024)}`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const registered = await post(production, JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }), { authorization: `Bearer ${token}` });
    expect(registered.status).toBe(413);
    expect(JSON.parse(registered.text)).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const replayed = await post(production, JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash } } }), { authorization: `Bearer ${token}` });
    expect(JSON.parse(replayed.text)).toMatchObject({ errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
  });
});

describe('the production safelist of persisted documents (#7)', () => {
  const byId = (id: string) => JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } });

  // No subgraph runs here: an anonymous `Me` reaching the sign-in check shows the document was
  // accepted, found and planned; a refusal at the edge would carry another code.
  it('runs a client operation sent by its id alone, or as its exact text', async () => {
    const sentById = await post(safelisted, byId(idOf('Me')));
    expect(JSON.parse(sentById.text)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const sentAsText = await graphql(safelisted, documents.get(idOf('Me'))!);
    expect(errorCodes(sentAsText)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses any other document with QUERY_NOT_IN_SAFELIST, signed in or not', async () => {
    for (const options of [{}, { token }]) {
      const response = await graphql(safelisted, '{ me { id } }', options);
      expect(response.status).toBe(400);
      expect(errorCodes(response)).toEqual(['QUERY_NOT_IN_SAFELIST']);
      expect(response.errors![0]!.message).toMatch(/persisted documents/);
    }
  });

  it('lets nobody register a document, so an unknown id stays unknown', async () => {
    const query = '{ me { id displayName } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const registered = await post(safelisted, JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }), { authorization: `Bearer ${token}` });
    expect(registered.status).toBe(400);
    expect(JSON.parse(registered.text)).toMatchObject({ errors: [{ extensions: { code: 'QUERY_NOT_IN_SAFELIST' } }] });
    const replayed = await post(safelisted, byId(sha256Hash), { authorization: `Bearer ${token}` });
    expect(JSON.parse(replayed.text)).toMatchObject({ errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
  });

  it('in development runs the clients’ ids too, and registers other documents for signed-in callers only', async () => {
    expect(JSON.parse((await post(development, byId(idOf('Customer360')))).text)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const register = async (query: string, headers: Record<string, string>) => {
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      await post(development, JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }), headers);
      return JSON.parse((await post(development, byId(sha256Hash))).text) as unknown;
    };
    expect(await register('{ me { id } } # by someone signed in', { authorization: `Bearer ${token}` })).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await register('{ me { id } } # by an anonymous caller', {})).toMatchObject({ errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
  });
});
