import { readFileSync } from 'node:fs';
import { AuthKeys, createLogger, onShutdown, parseEnv } from '@crm/platform';
import { gatewayEnvSchema, subgraphUrlOverrides } from './config';
import { startGateway } from './start-gateway';

async function main(): Promise<void> {
  const env = parseEnv(gatewayEnvSchema);
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const gateway = await startGateway({
    port: env.PORT,
    host: '0.0.0.0',
    supergraphSdl: readFileSync(env.SUPERGRAPH_PATH, 'utf8'),
    auth: await AuthKeys.fromPem({ publicKey: env.AUTH_PUBLIC_KEY }),
    subgraphUrls: subgraphUrlOverrides(env),
    production: env.NODE_ENV === 'production',
    logger,
  });
  onShutdown(logger, () => gateway.stop());
}

void main();
