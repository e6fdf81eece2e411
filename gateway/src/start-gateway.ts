import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import {
  AuthKeys,
  UnauthenticatedException,
  badRequestBody,
  createLogger,
  graphqlRequestGuard,
  injectTraceContext,
  legacyJsonStatusPlugin,
  requestIdFrom,
  maskInternalErrors,
  requestMetricsPlugin,
  requireSignInPlugin,
  serveMetrics,
  traceRequests,
  wellFormedStringsPlugin,
  type Actor,
  type Logger,
} from '@crm/platform';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import express from 'express';
import { BREAK, GraphQLError, visit, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { PersistedDocumentStore } from './persisted-documents';
import { queryLimits } from './query-limits';

interface GatewayContext {
  actor: Actor | null;
  /**
   * Forwarded as they came: subgraphs authenticate for themselves and continue the trace (with
   * tracing on, from the gateway's own span instead of the caller's).
   */
  forwardedHeaders: Record<string, string>;
}

const FORWARDED_HEADERS = ['authorization', 'traceparent', 'tracestate'];

/** The root fields of the supergraph open to anonymous callers. */
const PUBLIC_FIELDS = ['login', 'refreshSession'];

const REQUEST_BODY_LIMIT = '1mb';

/**
 * The largest document the gateway parses or registers as a persisted query. The biggest operation
 * the clients send is a few kilobytes; the token and cost limits refuse far smaller documents anyway.
 */
const MAX_DOCUMENT_BYTES = 32 * 1024;

/**
 * The most lexical tokens a document may have. Counted by graphql-js's own parser, so a document
 * over it, like any syntax error, is refused as GRAPHQL_PARSE_FAILED with HTTP 400.
 */
const MAX_TOKENS = 2000;

/**
 * graphql-armor's token limit re-parses the document in `parsingDidStart`, where whatever it throws,
 * a plain syntax error included, becomes an HTTP 500; the parser's own limit (MAX_TOKENS) replaces it.
 * Its plugin is the only one with an `unexpectedErrorProcessingRequest` hook.
 */
const isArmorTokenLimit = (plugin: ApolloServerPlugin<GatewayContext>): boolean => 'unexpectedErrorProcessingRequest' in plugin;

/** Bounds the memory automatic persisted queries may take: least recently used ones go first. */
const PERSISTED_QUERY_CACHE_BYTES = 8 * 1024 * 1024;

const introspects = (document: DocumentNode): boolean => {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
};

/**
 * A document with several operations and no (or an unknown) operationName resolves to none; the
 * query planner would then fail with a 500, so it is refused here as Apollo Server refuses it alone.
 */
const operationMustResolve: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (operation) return;
        const message = request.operationName
          ? `The document has no operation named "${request.operationName}".`
          : 'The document has several operations: name the one to run in operationName.';
        throw new GraphQLError(message, { extensions: { code: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } } });
      },
    };
  },
};

/** The schema is described to signed-in callers only (and, in production, to no one). */
const anonymousIntrospectionRefused: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, document }) {
        if (!contextValue.actor && introspects(document)) {
          throw new UnauthenticatedException('Sign in first: the schema is described to signed-in callers only.');
        }
      },
    };
  },
};

export interface GatewayOptions {
  port: number;
  host?: string;
  /** Lets further processes listen on the same port, the kernel spreading connections among them. */
  reusePort?: boolean;
  supergraphSdl: string;
  auth: AuthKeys;
  subgraphUrls?: Record<string, string>;
  /**
   * Subgraphs served in this process, by name, answered without a socket (the local stack); the
   * others are fetched over HTTP.
   */
  subgraphFetchers?: Record<string, Fetcher>;
  production?: boolean;
  /** The clients' own documents by id (loadPersistedDocuments), runnable by id without registering. */
  persistedDocuments?: ReadonlyMap<string, string>;
  /**
   * Only `persistedDocuments` run, by id or as their exact text; nothing can be registered. On in
   * production.
   */
  safelistOnly?: boolean;
  logger?: Logger;
}

/**
 * Passes the caller's token and the trace context on to every subgraph it asks, and passes a
 * subgraph's refusal (an HTTP error carrying GraphQL errors) back with its own code and message.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = (await response.clone().json().catch(() => null)) as { errors?: GraphQLFormattedError[] } | null;
    const refusal = body?.errors?.[0];
    const code = refusal?.extensions?.code;
    if (refusal && typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      // The whole refusal (its reason, retryAfterSeconds, field…) and its HTTP status reach the client.
      return new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, code, http: { status: response.status } } });
    }
    return super.errorFromResponse(response);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    // The gateway's own requests (e.g. health checks) run without a request context.
    const forwarded = 'forwardedHeaders' in context ? (context as GatewayContext).forwardedHeaders : {};
    for (const [name, value] of Object.entries(forwarded)) request.http?.headers.set(name, value);
    // Runs inside the gateway's fetch span: the subgraph's request span becomes its child.
    if (request.http) injectTraceContext(request.http.headers);
  }
}

export async function startGateway(options: GatewayOptions) {
  const logger = options.logger ?? createLogger('gateway');
  const production = options.production ?? false;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // Node's own fetch (undici) keeps connections alive and costs less per request than the default.
    buildService: ({ name, url }) => new SubgraphDataSource({ url: options.subgraphUrls?.[name] ?? url, fetcher: options.subgraphFetchers?.[name] ?? fetch }),
  });
  const app = express();
  const httpServer = createServer(app);
  const limits = queryLimits(production);
  const documents = options.persistedDocuments ?? new Map<string, string>();
  const safelistOnly = options.safelistOnly ?? production;
  const registered = safelistOnly ? null : new InMemoryLRUCache<string>({ maxSize: PERSISTED_QUERY_CACHE_BYTES });
  const server = new ApolloServer<GatewayContext>({
    // The process's onShutdown stops everything in order; Apollo's own signal handlers would stop
    // this server alone and re-send the signal, which onShutdown takes for an impatient second one.
    stopOnTerminationSignals: false,
    gateway,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The gateway sets no cache hints, and the plugin's per-field hook would cost every field a call.
      ApolloServerPluginCacheControlDisabled(),
      requestMetricsPlugin('gateway'),
      operationMustResolve,
      requireSignInPlugin(PUBLIC_FIELDS),
      anonymousIntrospectionRefused,
      wellFormedStringsPlugin(),
      legacyJsonStatusPlugin(),
      ...limits.plugins.filter((plugin) => !isArmorTokenLimit(plugin as ApolloServerPlugin<GatewayContext>)),
    ],
    validationRules: limits.validationRules,
    parseOptions: { maxLexicalTokens: MAX_TOKENS },
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection: !production,
    persistedQueries: { cache: new PersistedDocumentStore(documents, registered) },
    includeStacktraceInErrorResponses: false,
    formatError: maskInternalErrors(logger),
  });
  await server.start();

  let stopping = false;
  app.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/health/ready', (_req, res) => void res.status(stopping ? 503 : 200).json({ status: stopping ? 'unavailable' : 'ready' }));
  app.get('/metrics', serveMetrics);
  app.use(
    '/graphql',
    express.json({ limit: REQUEST_BODY_LIMIT }),
    graphqlRequestGuard({ maxDocumentBytes: MAX_DOCUMENT_BYTES, safelist: safelistOnly ? new Set(documents.keys()) : undefined }),
    traceRequests('gateway'),
    expressMiddleware(server, {
      context: async ({ req, res }) => {
        // One id per client request, kept by every subgraph's audit entries and logs, and given
        // back to the client to quote when reporting a problem.
        const requestId = requestIdFrom(req.header('x-request-id'));
        res.setHeader('x-request-id', requestId);
        return {
          actor: await options.auth.actorFromHeader(req.headers.authorization),
          forwardedHeaders: {
            ...Object.fromEntries(FORWARDED_HEADERS.flatMap((name) => (typeof req.headers[name] === 'string' ? [[name, req.headers[name]]] : []))),
            'x-request-id': requestId,
            // The address the gateway itself saw, never the caller's own claim: sign-in throttles per address.
            'x-forwarded-for': req.ip ?? req.socket.remoteAddress ?? '',
          },
        };
      },
    }),
  );
  // A body express.json could not read is answered as JSON with a code, never Express's HTML page.
  app.use(badRequestBody(REQUEST_BODY_LIMIT, logger));

  await new Promise<void>((resolve) => httpServer.listen({ port: options.port, host: options.host ?? '127.0.0.1', reusePort: options.reusePort }, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host === '0.0.0.0' ? 'localhost' : (options.host ?? '127.0.0.1')}:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  return {
    url,
    async stop() {
      stopping = true;
      await server.stop();
    },
  };
}

export type RunningGateway = Awaited<ReturnType<typeof startGateway>>;
