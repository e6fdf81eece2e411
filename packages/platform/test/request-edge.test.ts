import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import express from 'express';
import { badRequestBody, createLogger, graphqlRequestGuard } from '../src';

/**
 * The Express pieces every GraphQL server of the system mounts around Apollo: bodies it cannot read
 * and documents it will not take are answered as JSON with a code, never Express's HTML error page.
 */
let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.post('/graphql', express.json({ limit: '1kb' }), graphqlRequestGuard({ maxDocumentBytes: 100 }), (_req, res) => void res.json({ data: { ok: true } }));
  app.post('/broken', () => {
    throw new Error('a defect, with a stack');
  });
  app.use(badRequestBody('1kb', createLogger('test', 'silent')));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => new Promise((resolve) => server.close(resolve)));

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(text).not.toMatch(/node_modules|\bat \w+ \(|<html|<pre|with a stack/i);
  return { status: response.status, body: JSON.parse(text) as { errors?: { message: string; extensions: { code: string } }[] } };
}

it.each([
  ['truncated JSON', '{"query":', {}, 400],
  ['null', 'null', {}, 400],
  ['a body over the limit', JSON.stringify({ query: 'x'.repeat(2000) }), {}, 413],
  ['charset=latin1', '{}', { 'content-type': 'application/json; charset=latin1' }, 415],
  ['an unknown content-encoding', '{}', { 'content-encoding': 'bogus' }, 415],
])('answers %s with BAD_REQUEST', async (_case, body, headers, status) => {
  const response = await post('/graphql', body, headers);
  expect(response.status).toBe(status);
  expect(response.body.errors?.[0]?.extensions.code).toBe('BAD_REQUEST');
});

it('answers any other error as a masked INTERNAL_SERVER_ERROR', async () => {
  const response = await post('/broken', '{}');
  expect(response.status).toBe(500);
  expect(response.body.errors?.[0]?.extensions.code).toBe('INTERNAL_SERVER_ERROR');
});

it('refuses a document over the size cap with 413', async () => {
  const response = await post('/graphql', JSON.stringify({ query: `{ a } #${'x'.repeat(200)}` }));
  expect(response.status).toBe(413);
  expect(response.body.errors?.[0]?.extensions.code).toBe('BAD_REQUEST');
});

it('refuses a persisted query whose hash is not the SHA-256 of its document', async () => {
  const query = '{ a }';
  const wrong = await post('/graphql', JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }));
  expect(wrong.status).toBe(400);
  expect(wrong.body.errors?.[0]?.extensions.code).toBe('BAD_REQUEST');
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  const right = await post('/graphql', JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }));
  expect(right).toEqual({ status: 200, body: { data: { ok: true } } });
});
