import { createEventBus } from '@crm/events';
import { AuthKeys } from '../auth';
import { parseEnv, subgraphEnvSchema } from '../config';
import { createLogger } from '../logging';
import { startTracing } from '../observability';
import { onShutdown } from './on-shutdown';
import { startSubgraph } from './start-subgraph';
import type { SubgraphDefinition } from './subgraph-definition';

/** Entry point of a subgraph in its own process (containers, Kubernetes): config from the environment. */
export async function runSubgraph<L>(definition: SubgraphDefinition<L>): Promise<void> {
  const env = parseEnv(subgraphEnvSchema);
  const tracing = startTracing({ serviceName: definition.name });
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  const bus = createEventBus({
    transport: env.EVENT_TRANSPORT,
    clientId: `crm-${definition.name}`,
    brokers: env.KAFKA_BROKERS,
    topicReplication: env.KAFKA_TOPIC_REPLICATION,
    namespace: env.KAFKA_NAMESPACE,
    logger,
  });
  const running = await startSubgraph(definition, {
    databaseUrl: env.DATABASE_URL,
    port: env.PORT,
    host: '0.0.0.0',
    bus,
    auth: await AuthKeys.fromPem({ publicKey: env.AUTH_PUBLIC_KEY, privateKey: env.AUTH_PRIVATE_KEY }),
    logger,
    production: env.NODE_ENV === 'production',
  });
  onShutdown(logger, async () => {
    await running.stop();
    await bus.stop();
    await tracing.shutdown();
  });
}
