import { InProcessEventBus, pendingOutboxCount } from '@crm/events';
import { AuthKeys, createLogger, systemClock, startSubgraph, type Actor, type Clock, type RunningSubgraph, type SubgraphDefinition } from '@crm/platform';
import { testDatabaseUrl, uniqueDatabasePrefix } from './postgres';

export interface TestSubgraphs {
  /** By subgraph name. */
  running: Record<string, RunningSubgraph>;
  auth: AuthKeys;
  bus: InProcessEventBus;
  /** An access token for someone, as identity would issue it. */
  tokenFor(actor: Actor): Promise<string>;
  /** Resolves once every event published so far has been applied by every consumer. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const SETTLE_POLL_MS = 50;

/**
 * A few subgraphs against real PostgreSQL (databases of their own) and the in-process bus, each
 * served over HTTP: what a service's own tests need without the gateway and the rest of the system.
 * Seeds each one's demo data when asked, in order.
 */
export async function startTestSubgraphs(
  definitions: readonly SubgraphDefinition<unknown>[],
  options: { clock?: Clock; seedDemoData?: boolean } = {},
): Promise<TestSubgraphs> {
  const logger = createLogger('test', 'error');
  const prefix = uniqueDatabasePrefix();
  const bus = new InProcessEventBus(logger);
  const auth = await AuthKeys.fromPem(await AuthKeys.generatePem());
  const running: Record<string, RunningSubgraph> = {};
  const stop = async () => {
    await bus.stop();
    await Promise.all(Object.values(running).map((subgraph) => subgraph.stop()));
  };
  const settled = async () => {
    for (;;) {
      const pending = await Promise.all(Object.values(running).map((s) => pendingOutboxCount(s.orm)));
      if (pending.every((n) => n === 0) && (await bus.lag()) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
  };
  try {
    for (const definition of definitions) {
      running[definition.name] = await startSubgraph(definition, {
        databaseUrl: testDatabaseUrl(`${prefix}${definition.name}`),
        port: 0,
        bus,
        auth,
        logger,
        clock: options.clock ?? systemClock,
      });
    }
    if (options.seedDemoData) {
      for (const definition of definitions) {
        await definition.seedDemoData?.(
          running[definition.name]!.systemScope(),
          definitions.map((seeded) => seeded.name),
        );
        await settled();
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { running, auth, bus, tokenFor: async (actor) => (await auth.issueAccessToken(actor)).token, settled, stop };
}
