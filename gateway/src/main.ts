import { readFileSync } from 'node:fs';
import { AuthKeys, createLogger, onShutdown, parseEnv, startTracing } from '@crm/platform';
import { gatewayEnvSchema, subgraphUrlOverrides } from './config';
import { loadPersistedDocuments } from './persisted-documents';
import { startGateway } from './start-gateway';

async function main(): Promise<void> {
  const env = parseEnv(gatewayEnvSchema);
  // Exports spans over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; a no-op otherwise.
  const tracing = startTracing({ serviceName: 'gateway' });
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const gateway = await startGateway({
    port: env.PORT,
    host: '0.0.0.0',
    supergraphSdl: readFileSync(env.SUPERGRAPH_PATH, 'utf8'),
    auth: await AuthKeys.fromPem({ publicKey: env.AUTH_PUBLIC_KEY }),
    subgraphUrls: subgraphUrlOverrides(env),
    production: env.NODE_ENV === 'production',
    persistedDocuments: loadPersistedDocuments(env.PERSISTED_DOCUMENTS_PATH),
    safelistOnly: env.SAFELIST_ONLY ?? env.NODE_ENV === 'production',
    logger,
  });
  onShutdown(logger, async () => {
    await gateway.stop();
    await tracing.shutdown();
  });
}

void main();
