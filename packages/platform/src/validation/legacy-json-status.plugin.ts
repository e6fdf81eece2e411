import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/**
 * GraphQL over HTTP: a client that accepts only `application/json` (the legacy media type) reads a
 * request error — a document that does not parse or validate, a variable that does not coerce — from
 * the body, and the spec asks for HTTP 200 then. Apollo Server answers 400; clients that accept
 * `application/graphql-response+json`, or anything (no Accept header), keep that 400.
 */
export function legacyJsonStatusPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ request }) {
      const accept = request.http?.headers.get('accept') ?? '';
      if (!accept.includes('application/json') || accept.includes(GRAPHQL_RESPONSE)) return;
      return {
        async willSendResponse({ response }) {
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          if (response.http.status === 400 && single?.errors?.length && single.data === undefined) response.http.status = 200;
        },
      };
    },
  };
}
