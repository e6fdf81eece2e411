import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import {
  AuthKeys,
  createLogger,
  injectTraceContext,
  requestIdFrom,
  maskInternalErrors,
  requestMetricsPlugin,
  requireSignInPlugin,
  serveMetrics,
  traceRequests,
  type Actor,
  type Logger,
} from '@crm/platform';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
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

export interface GatewayOptions {
  port: number;
  host?: string;
  supergraphSdl: string;
  auth: AuthKeys;
  subgraphUrls?: Record<string, string>;
  production?: boolean;
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
      return new GraphQLError(refusal.message, { extensions: { code } });
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
    buildService: ({ name, url }) => new SubgraphDataSource({ url: options.subgraphUrls?.[name] ?? url }),
  });
  const app = express();
  const httpServer = createServer(app);
  const limits = queryLimits(production);
  const server = new ApolloServer<GatewayContext>({
    // The process's onShutdown stops everything in order; Apollo's own signal handlers would stop
    // this server alone and re-send the signal, which onShutdown takes for an impatient second one.
    stopOnTerminationSignals: false,
    gateway,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      requestMetricsPlugin('gateway'),
      requireSignInPlugin(PUBLIC_FIELDS),
      ...limits.plugins,
    ],
    validationRules: limits.validationRules,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection: !production,
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
    express.json({ limit: '1mb' }),
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
          },
        };
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host ?? '127.0.0.1', resolve));
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
