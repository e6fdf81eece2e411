import { ApolloServer } from '@apollo/server';
import { malformedStringReason, wellFormedStringsPlugin } from '../src';

/**
 * NUL and lone surrogates are refused before execution wherever a string reaches the API: in
 * variables (however deep) and in the document's literal arguments, naming where they were.
 */
const typeDefs = `#graphql
  input NoteInput { text: String, tags: [String!], children: [NoteInput!] }
  type Query { echo(text: String, id: ID, note: NoteInput): String @deprecated(reason: "test") }
`;

let server: ApolloServer;
let resolved = 0;

beforeAll(async () => {
  server = new ApolloServer({
    typeDefs,
    resolvers: { Query: { echo: (_: unknown, args: { text?: string }) => ((resolved += 1), args.text ?? 'ok') } },
    plugins: [wellFormedStringsPlugin()],
  });
  await server.start();
});

afterAll(async () => server.stop());

async function run(query: string, variables?: Record<string, unknown>) {
  const response = await server.executeOperation({ query, variables });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, ...response.body.singleResult };
}

it.each([
  ['NUL', 'a\u0000b', 'contains a NUL'],
  ['a lone high surrogate', 'x\ud83d', 'unpaired UTF-16 surrogate'],
  ['a lone low surrogate', '\ude00x', 'unpaired UTF-16 surrogate'],
  ['a reversed pair', '\ude00\ud83d', 'unpaired UTF-16 surrogate'],
])('tells %s apart from well-formed text', (_case, value, reason) => {
  expect(malformedStringReason(value)).toContain(reason);
  expect(malformedStringReason('plain, 中文 and 😀')).toBeUndefined();
});

it.each([
  ['a String variable', 'query ($t: String) { echo(text: $t) }', { t: '\u0000' }, '$t'],
  ['an ID variable', 'query ($i: ID) { echo(id: $i) }', { i: '\ud83d' }, '$i'],
  ['a field of an input object', 'query ($n: NoteInput) { echo(note: $n) }', { n: { text: 'ok\ud83d' } }, '$n.text'],
  ['a list inside nested input objects', 'query ($n: NoteInput) { echo(note: $n) }', { n: { children: [{ tags: ['a'] }, { tags: ['b', 'c\u0000'] }] } }, '$n.children[1].tags[1]'],
  ['a literal argument', '{ echo(text: "\\u0000") }', undefined, 'echo(text)'],
  ['a literal inside an input object', '{ echo(note: { children: [{ text: "a\\u0000" }] }) }', undefined, 'echo(note).children[0].text'],
  ['a literal in a fragment', 'query { ...F } fragment F on Query { echo(text: "\\u0000") }', undefined, 'echo(text)'],
])('refuses a malformed string in %s with BAD_USER_INPUT (HTTP 400), before any resolver', async (_case, query, variables, field) => {
  const before = resolved;
  const result = await run(query, variables);
  expect(result.status).toBe(400);
  expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field, reason: 'MALFORMED_STRING' }) })]);
  expect(resolved).toBe(before);
});

it('lets well-formed text through', async () => {
  const result = await run('query ($n: NoteInput, $t: String) { echo(text: $t, note: $n) }', { t: 'rep 😀 中文', n: { tags: ['🇨🇳'] } });
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({ echo: 'rep 😀 中文' });
});
