import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { expressMiddleware } from '@as-integrations/express5';
import {
  OutboxLog,
  OutboxMessageSchema,
  OutboxRelay,
  eventsMigrations,
  toSubscription,
  pendingOutboxCount,
  topicsOwnedBy,
  trackEventFlow,
  type EventBus,
  type OutboxRelayOptions,
} from '@crm/events';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import express from 'express';
import type { Logger } from 'pino';
import { AuditEntrySchema, auditEntryResolvers, auditMigrations } from '../audit';
import { requireActor, requireSignInPlugin, type Actor, type AuthKeys } from '../auth';
import { createOrm } from '../database';
import { UnauthenticatedException, badRequestBody, maskInternalErrors } from '../errors';
import { JobRecordSchema, JobRunner, jobResolversFor, jobsMigrations, startJobAs } from '../jobs';
import { createLogger } from '../logging';
import { requestMetricsPlugin, serveMetrics, serveTraced, traceRequests } from '../observability';
import { createScope, requestIdFrom, type Scope } from '../scope';
import { systemClock, type Clock } from '../time';
import { knownEntityTypesPlugin, legacyJsonStatusPlugin, wellFormedStringsPlugin } from '../validation';
import { loadSubgraphSchema } from './load-schema';
import { mergeResolvers } from './merge-resolvers';
import { consumersOf, entitiesOf, jobsOf, migrationsOf, resolversOf } from './module-parts';
import { scalarResolversFor } from './scalars';
import type { SubgraphContext, SubgraphDefinition } from './subgraph-definition';

export interface SubgraphRuntimeOptions {
  databaseUrl: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /**
   * Lets further processes listen on the same port, the kernel spreading connections among them
   * (the local stack's request servers).
   */
  reusePort?: boolean;
  /**
   * Where the subgraph's events go and its consumers read. Null: this process only serves
   * requests, beside one that relays the outbox, consumes and works the job queues; its writes
   * reach the outbox like any other and its job requests the shared queue.
   */
  bus: EventBus | null;
  auth: AuthKeys;
  logger?: Logger;
  production?: boolean;
  onQuery?: (sql: string) => void;
  relay?: OutboxRelayOptions;
  /** Where every rule of this subgraph reads "now"; tests pass a ManualClock. */
  clock?: Clock;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  orm: MikroORM;
  /** Null in a process that only serves requests. */
  relay: OutboxRelay | null;
  jobs: JobRunner;
  clock: Clock;
  /** A fresh unit of work in which the system acts (no actor): for seeding, scripts and tests. */
  systemScope(): Scope;
  /**
   * Answers a GraphQL request as `url` would, without a socket: the same server, plugins and
   * context. A gateway in the same process fetches through it (the local stack).
   */
  fetchInProcess: InProcessFetch;
  stop(): Promise<void>;
}

const REQUEST_BODY_LIMIT = '1mb';

export type InProcessFetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string | Buffer }) => Promise<Response>;

/** A subgraph's database with every table it carries (events, audit, jobs, its modules' and replicas'), migrated. */
export function openSubgraphDatabase<L>(
  definition: SubgraphDefinition<L>,
  databaseUrl: string,
  logger: Logger,
  onQuery?: (sql: string) => void,
): Promise<MikroORM> {
  return createOrm({
    name: definition.name,
    databaseUrl,
    entities: [...entitiesOf(definition), OutboxMessageSchema, AuditEntrySchema, JobRecordSchema],
    migrations: [...eventsMigrations, ...auditMigrations, ...jobsMigrations, ...migrationsOf(definition)],
    logger,
    onQuery,
  });
}

type HeaderOf = (name: string) => string | undefined;

/** The gateway names the end client in `x-forwarded-for`; a direct caller is the socket's peer. */
const clientAddressOf = (header: HeaderOf, peerAddress: string | undefined): string | null =>
  header('x-forwarded-for')?.split(',')[0]?.trim() || peerAddress || null;

async function bodyText(body: HTTPGraphQLResponse['body']): Promise<string> {
  if (body.kind === 'complete') return body.string;
  let text = '';
  for await (const chunk of body.asyncIterator) text += chunk;
  return text;
}

/** The outbox's relay onto the bus, and the subgraph's consumers reading from it. */
async function startEventFlow<L>(definition: SubgraphDefinition<L>, orm: MikroORM, bus: EventBus, options: SubgraphRuntimeOptions, logger: Logger): Promise<OutboxRelay> {
  const log = new OutboxLog(orm);
  bus.attachLog(topicsOwnedBy(definition.name), log);
  // The outbox trigger's notification wakes the relay at each commit that wrote events.
  const relay = new OutboxRelay(orm, bus, logger, { databaseUrl: options.databaseUrl, log, ...options.relay });
  await relay.start();
  trackEventFlow(definition.name, () => pendingOutboxCount(orm), bus);
  for (const consumer of consumersOf(definition)) {
    await bus.subscribe(toSubscription(orm, definition.name, consumer, { logger }));
  }
  return relay;
}

/** Migrates, starts relay and consumers (unless it only serves requests), and serves the subgraph with health endpoints. */
export async function startSubgraph<L>(
  definition: SubgraphDefinition<L>,
  options: SubgraphRuntimeOptions,
): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(definition.name);
  const clock = options.clock ?? systemClock;
  const orm = await openSubgraphDatabase(definition, options.databaseUrl, logger, options.onQuery);

  const relay = options.bus && (await startEventFlow(definition, orm, options.bus, options, logger));
  const lookUpActor = definition.currentActor;
  const currentActor = async (em: EntityManager, token: Actor | null): Promise<Actor | null> => {
    if (!token || !lookUpActor) return token;
    const actor = await lookUpActor(em, token);
    if (!actor) throw new UnauthenticatedException('This account has been deactivated; ask your manager.');
    return actor;
  };

  const jobs = new JobRunner({ subgraph: definition.name, orm, databaseUrl: options.databaseUrl, jobs: jobsOf(definition), clock, logger, works: options.bus !== null });
  await jobs.start();

  const app = express();
  const httpServer = createServer(app);
  const typeDefs = loadSubgraphSchema(definition.name);
  const server = new ApolloServer<SubgraphContext<L>>({
    // The process's onShutdown stops everything in order; Apollo's own signal handlers would stop
    // this server alone and re-send the signal, which onShutdown takes for an impatient second one.
    stopOnTerminationSignals: false,
    schema: buildSubgraphSchema([
      {
        typeDefs,
        // Codegen's federation types and @apollo/subgraph's map disagree only on __resolveReference's
        // signature; the generated types are the ones that check each service's resolvers.
        resolvers: mergeResolvers([scalarResolversFor(typeDefs), auditEntryResolvers, jobResolversFor(definition.name, jobs), ...resolversOf(definition)]) as GraphQLResolverMap<SubgraphContext<L>>,
      },
    ]),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      // Nothing here sets cache hints, and its per-field hook would cost every resolver a call.
      ApolloServerPluginCacheControlDisabled(),
      requestMetricsPlugin(definition.name),
      requireSignInPlugin(definition.publicFields ?? []),
      wellFormedStringsPlugin(),
      knownEntityTypesPlugin(),
      legacyJsonStatusPlugin(),
    ],
    formatError: maskInternalErrors(logger),
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
  });
  await server.start();

  const contextFor = async (header: HeaderOf, peerAddress: string | undefined): Promise<SubgraphContext<L>> => {
    const em = orm.em.fork();
    const actor = await currentActor(em, await options.auth.actorFromHeader(header('authorization')));
    const scope = createScope({ subgraph: definition.name, em, actor, clock, requestId: requestIdFrom(header('x-request-id')) });
    return {
      ...scope,
      loaders: definition.createLoaders(em, actor),
      auth: options.auth,
      clientAddress: clientAddressOf(header, peerAddress),
      startJob: (kind, payload) => startJobAs(jobs, definition.name, requireActor(actor), kind, payload),
    };
  };

  const fetchInProcess: InProcessFetch = (_url, init) => {
    const headers = new HeaderMap(Object.entries(init?.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    const method = init?.method ?? 'POST';
    return serveTraced(definition.name, { method, route: '/graphql', path: '/graphql', headers: Object.fromEntries(headers) }, async (finished) => {
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method, headers, search: '', body: init?.body ? JSON.parse(init.body.toString()) : undefined },
        context: () => contextFor((name) => headers.get(name), undefined),
      });
      const status = response.status ?? 200;
      finished(status);
      return new Response(await bodyText(response.body), { status, headers: [...response.headers] });
    });
  };

  let stopping = false;
  app.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/metrics', serveMetrics);
  app.get('/health/ready', async (_req, res) => {
    const ready = !stopping && (await orm.isConnected());
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });
  app.use(
    '/graphql',
    express.json({ limit: REQUEST_BODY_LIMIT }),
    traceRequests(definition.name),
    expressMiddleware(server, { context: ({ req }) => contextFor((name) => req.header(name), req.socket.remoteAddress) }),
  );
  app.use(badRequestBody(REQUEST_BODY_LIMIT, logger));

  await new Promise<void>((resolve) => httpServer.listen({ port: options.port, host: options.host ?? '127.0.0.1', reusePort: options.reusePort }, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  logger.info({ url }, `${definition.name} subgraph ready`);

  return {
    name: definition.name,
    url,
    orm,
    relay,
    jobs,
    clock,
    systemScope: () => createScope({ subgraph: definition.name, em: orm.em.fork(), actor: null, clock }),
    fetchInProcess,
    async stop() {
      stopping = true;
      await server.stop();
      await jobs.stop();
      await relay?.stop();
      await orm.close();
    },
  };
}
