import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEventBus, pendingOutboxCount, type EventBus } from '@crm/events';
import { loadPersistedDocuments, startGateway, type RunningGateway } from '@crm/gateway';
import { AuthKeys, createLogger, schemaDir, startSubgraph, type AuthKeyPem, type Clock, type RunningSubgraph, type SubgraphDefinition } from '@crm/platform';
import { listedGatewayPort, subgraphList } from './subgraph-list';

/** Every subgraph, in the order they start and seed (scripts/subgraphs.ts): identity's people before anyone's customers. */
export const allSubgraphs: readonly SubgraphDefinition[] = subgraphList.map(({ definition }) => definition);

export interface LocalStackOptions {
  /** A PostgreSQL server URL; each subgraph gets database `<prefix><name>` on it. */
  serverUrl: string;
  databasePrefix?: string;
  /** Kafka brokers; without them events travel in-process. */
  kafkaBrokers?: readonly string[];
  /** Prefix of this system's topics and consumer groups on a shared broker. */
  kafkaNamespace?: string;
  keys: Required<AuthKeyPem>;
  /** 0 = any free port (tests); otherwise the gateway's port, each subgraph on its port in scripts/subgraphs.ts shifted alike (4000 → 4001, 4002, …). */
  gatewayPort: number;
  seedDemoData?: boolean;
  onQuery?: (subgraph: string, sql: string) => void;
  /** Where every subgraph reads "now"; tests pass a ManualClock to move time. */
  clock?: Clock;
  /** Lets request servers in other processes (startRequestServer) listen on the same ports. */
  reusePort?: boolean;
}

/** What a request server needs of a running local stack's options. */
export type RequestServerOptions = Pick<LocalStackOptions, 'serverUrl' | 'databasePrefix' | 'keys' | 'gatewayPort' | 'clock'>;

interface Servers {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
}

export interface LocalStack {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
  bus: EventBus;
  /** Resolves once every outbox is drained and every consumer group has applied everything published. */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const SETTLE_POLL_MS = 100;

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Every subgraph and the gateway over them, which asks each subgraph directly rather than through
 * a socket back to its own process. With a bus, the subgraphs relay and consume events and work
 * their job queues; without, they only serve requests.
 */
async function startServers(options: LocalStackOptions, auth: AuthKeys, bus: EventBus | null, subgraphs: Record<string, RunningSubgraph>): Promise<Servers> {
  for (const { definition, port } of subgraphList) {
    subgraphs[definition.name] = await startSubgraph(definition, {
      databaseUrl: databaseUrl(options.serverUrl, `${options.databasePrefix ?? 'crm_'}${definition.name}`),
      port: options.gatewayPort === 0 ? 0 : options.gatewayPort + (port - listedGatewayPort),
      reusePort: options.reusePort,
      bus,
      auth,
      logger: createLogger(definition.name),
      onQuery: options.onQuery && ((sql) => options.onQuery?.(definition.name, sql)),
      clock: options.clock,
    });
  }
  if (bus && options.seedDemoData) {
    for (const definition of allSubgraphs) {
      await definition.seedDemoData?.(subgraphs[definition.name]!.systemScope());
    }
  }
  const gateway = await startGateway({
    port: options.gatewayPort,
    reusePort: options.reusePort,
    supergraphSdl: readFileSync(path.join(schemaDir, 'supergraph.graphql'), 'utf8'),
    persistedDocuments: loadPersistedDocuments(path.join(schemaDir, 'persisted-documents.json')),
    auth,
    subgraphUrls: Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.url])),
    subgraphFetchers: Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.fetchInProcess])),
    logger: createLogger('gateway'),
  });
  return { gateway, subgraphs };
}

/** The whole system in one process: five subgraphs, their event flows, and the gateway. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const logger = createLogger('local-stack');
  const bus = createEventBus({
    transport: options.kafkaBrokers?.length ? 'kafka' : 'in-process',
    clientId: 'crm-local',
    brokers: options.kafkaBrokers ?? [],
    topicReplication: 1,
    namespace: options.kafkaNamespace,
    logger,
  });
  const auth = await AuthKeys.fromPem(options.keys);
  const subgraphs: Record<string, RunningSubgraph> = {};
  try {
    const { gateway } = await startServers(options, auth, bus, subgraphs);
    return {
      gateway,
      subgraphs,
      bus,
      async settled(timeoutMs = 120_000) {
        const deadline = Date.now() + timeoutMs;
        // Twice in a row: applying an event may record new ones (a hand-over), which are then pending.
        let quietChecks = 0;
        while (quietChecks < 2) {
          const pending = await Promise.all(Object.values(subgraphs).map((s) => pendingOutboxCount(s.orm)));
          const unapplied = await bus.lag();
          quietChecks = pending.every((count) => count === 0) && unapplied === 0 ? quietChecks + 1 : 0;
          if (quietChecks < 2 && Date.now() > deadline) throw new Error(`events not settled after ${timeoutMs} ms: outboxes ${pending.join(', ')}, unapplied ${unapplied}`);
          await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
        }
      },
      async stop() {
        await gateway.stop();
        // Relays deliver into other subgraphs' databases; stop them all before closing any.
        await Promise.all(Object.values(subgraphs).map((s) => s.relay?.stop()));
        await bus.stop();
        await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
      },
    };
  } catch (error) {
    await Promise.allSettled(Object.values(subgraphs).map((s) => s.stop()));
    await bus.stop();
    throw error;
  }
}

/**
 * One more process answering a running local stack's ports (started with `reusePort`), so requests
 * use every core: the gateway and every subgraph, serving requests only. The stack's own process
 * relays events, consumes them and works the job queues for all.
 */
export async function startRequestServer(options: RequestServerOptions): Promise<{ stop(): Promise<void> }> {
  const auth = await AuthKeys.fromPem(options.keys);
  const subgraphs: Record<string, RunningSubgraph> = {};
  try {
    const { gateway } = await startServers({ ...options, reusePort: true }, auth, null, subgraphs);
    return {
      async stop() {
        await gateway.stop();
        await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
      },
    };
  } catch (error) {
    await Promise.allSettled(Object.values(subgraphs).map((s) => s.stop()));
    throw error;
  }
}
