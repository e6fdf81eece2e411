import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { expressMiddleware } from '@as-integrations/express5';
import {
  OutboxLog,
  OutboxMessageSchema,
  OutboxRelay,
  eventsMigrations,
  runWithTraceparent,
  toSubscription,
  pendingOutboxCount,
  topicsOwnedBy,
  trackEventFlow,
  type EventBus,
  type EventConsumer,
  type OutboxRelayOptions,
} from '@crm/events';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import express, { type ErrorRequestHandler } from 'express';
import { register as metrics } from 'prom-client';
import type { Logger } from 'pino';
import { directory } from '../access';
import { requireSignInPlugin, type Actor, type AuthKeys } from '../auth';
import { createOrm } from '../database';
import { UnauthenticatedException, maskInternalErrors } from '../errors';
import { createLogger } from '../logging';
import { loadSubgraphSchema } from './load-schema';
import { mergeResolvers } from './merge-resolvers';
import { scalarResolversFor } from './scalars';
import type { SubgraphContext, SubgraphDefinition } from './subgraph-definition';

export interface SubgraphRuntimeOptions {
  databaseUrl: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  bus: EventBus;
  auth: AuthKeys;
  logger?: Logger;
  production?: boolean;
  onQuery?: (sql: string) => void;
  relay?: OutboxRelayOptions;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  orm: MikroORM;
  relay: OutboxRelay;
  stop(): Promise<void>;
}

const REQUEST_BODY_LIMIT = '1mb';

const badRequestBody: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, _next) => {
  const status = error.status && error.status < 500 ? error.status : 400;
  res.status(status).json({
    errors: [{ message: `The request body is not valid JSON under ${REQUEST_BODY_LIMIT}.`, extensions: { code: 'BAD_REQUEST' } }],
  });
};

/** Every consumer a subgraph runs: the directory replica's, where it keeps one, then its own. */
export const consumersOf = (definition: SubgraphDefinition<unknown>): EventConsumer[] => [
  ...(definition.usesDirectory ? [directory.consumer] : []),
  ...(definition.consumers ?? []),
];

/** A subgraph's database with every table it carries (events, directory replica, its own), migrated. */
export function openSubgraphDatabase<L>(
  definition: SubgraphDefinition<L>,
  databaseUrl: string,
  logger: Logger,
  onQuery?: (sql: string) => void,
): Promise<MikroORM> {
  return createOrm({
    name: definition.name,
    databaseUrl,
    entities: [...definition.entities, ...(definition.usesDirectory ? directory.entities : []), OutboxMessageSchema],
    migrations: [...eventsMigrations, ...(definition.usesDirectory ? directory.migrations : []), ...definition.migrations],
    logger,
    onQuery,
  });
}

/** Migrates, starts relay and consumers, and serves the subgraph with health endpoints. */
export async function startSubgraph<L>(
  definition: SubgraphDefinition<L>,
  options: SubgraphRuntimeOptions,
): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(definition.name);
  const orm = await openSubgraphDatabase(definition, options.databaseUrl, logger, options.onQuery);

  const log = new OutboxLog(orm);
  options.bus.attachLog(topicsOwnedBy(definition.name), log);
  // The outbox trigger's notification wakes the relay at each commit that wrote events.
  const relay = new OutboxRelay(orm, options.bus, logger, { databaseUrl: options.databaseUrl, log, ...options.relay });
  await relay.start();
  trackEventFlow(definition.name, () => pendingOutboxCount(orm), options.bus);
  for (const consumer of consumersOf(definition)) {
    await options.bus.subscribe(toSubscription(orm, definition.name, consumer, { logger }));
  }

  const lookUpActor = definition.currentActor ?? (definition.usesDirectory ? directory.currentActor : undefined);
  const currentActor = async (em: EntityManager, token: Actor | null): Promise<Actor | null> => {
    if (!token || !lookUpActor) return token;
    const actor = await lookUpActor(em, token);
    if (!actor) throw new UnauthenticatedException('This account has been deactivated; ask your manager.');
    return actor;
  };

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
        resolvers: mergeResolvers([scalarResolversFor(typeDefs), ...definition.resolvers]) as GraphQLResolverMap<SubgraphContext<L>>,
      },
    ]),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      requireSignInPlugin(definition.publicFields ?? []),
    ],
    formatError: maskInternalErrors(logger),
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
  });
  await server.start();

  let stopping = false;
  app.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/metrics', async (_req, res) => void res.type(metrics.contentType).send(await metrics.metrics()));
  app.get('/health/ready', async (_req, res) => {
    const ready = !stopping && (await orm.isConnected());
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });
  app.use(
    '/graphql',
    express.json({ limit: REQUEST_BODY_LIMIT }),
    (req, _res, next) => runWithTraceparent(req.header('traceparent'), next),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const em = orm.em.fork();
        const actor = await currentActor(em, await options.auth.actorFromHeader(req.headers.authorization));
        return { em, loaders: definition.createLoaders(em, actor), actor, auth: options.auth };
      },
    }),
  );
  app.use(badRequestBody);

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  logger.info({ url }, `${definition.name} subgraph ready`);

  return {
    name: definition.name,
    url,
    orm,
    relay,
    async stop() {
      stopping = true;
      await server.stop();
      await relay.stop();
      await orm.close();
    },
  };
}
