/**
 * `npm start`: the whole system on one machine with no set-up. An embedded PostgreSQL (data kept in
 * .data/) unless DATABASE_URL names a server; events in-process unless KAFKA_BROKERS is set.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '@crm/demo-data';
import { createLogger, onShutdown, parseEnv, startTracing } from '@crm/platform';
import { z } from 'zod';
import { loadOrCreateKeyFile } from './auth-keys-file';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';
import { startRequestServers } from './request-servers';
import { startLocalStack } from './start-local-stack';

const envSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  KAFKA_BROKERS: z
    .string()
    .optional()
    .transform((value) => value?.split(',').map((b) => b.trim()).filter(Boolean)),
  PORT: z.coerce.number().int().min(1).max(65530).default(4000),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** Each subgraph's database is `<prefix><name>`; tests that start the system as a user would pick their own. */
  CRM_DATABASE_PREFIX: z.string().regex(/^[a-z][a-z0-9_]*$/).default('crm_'),
  /** Prefix of this system's topics and consumer groups, when it shares a broker with others. */
  KAFKA_NAMESPACE: z.string().regex(/^[a-zA-Z0-9._-]*$/).default(''),
  /** Processes answering requests, this one included: one per core unless set. */
  CRM_PROCESSES: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
  /** Where the embedded PostgreSQL keeps its data and the development signing keys are kept. */
  CRM_DATA_DIR: z.string().default(path.resolve(__dirname, '../../../.data')),
});

async function main(): Promise<void> {
  const env = parseEnv(envSchema);
  // Exports spans only when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise costs nothing.
  const tracing = startTracing({ serviceName: 'crm' });
  const logger = createLogger('crm');
  let postgres: EmbeddedPostgresHandle | undefined;
  if (!env.DATABASE_URL) {
    logger.info('starting embedded PostgreSQL (first run initialises .data/postgres)');
    postgres = await startEmbeddedPostgres(path.join(env.CRM_DATA_DIR, 'postgres'), env.EMBEDDED_POSTGRES_PORT);
  }
  const shared = {
    serverUrl: env.DATABASE_URL ?? postgres!.serverUrl,
    databasePrefix: env.CRM_DATABASE_PREFIX,
    keys: await loadOrCreateKeyFile(path.join(env.CRM_DATA_DIR, 'auth-keys.json')),
    gatewayPort: env.PORT,
  };
  const stack = await startLocalStack({
    ...shared,
    kafkaBrokers: env.KAFKA_BROKERS,
    kafkaNamespace: env.KAFKA_NAMESPACE,
    seedDemoData: true,
    reusePort: env.CRM_PROCESSES > 1,
  });
  // "Up" means consistent: every replica has applied every event the demo data and earlier runs produced.
  const catchUpStarted = performance.now();
  await stack.settled(10 * 60_000);
  const catchUpSeconds = ((performance.now() - catchUpStarted) / 1000).toFixed(1);
  // Node runs JavaScript on one core per process: more processes answer the same ports.
  const requestServers = await startRequestServers(env.CRM_PROCESSES - 1, { options: shared }, logger);
  onShutdown(logger, async () => {
    await requestServers.stop();
    await stack.stop();
    await postgres?.stop();
    await tracing.shutdown();
  });
  console.log(`
  CRM is up: ${stack.gateway.url.replace('127.0.0.1', 'localhost')}
  Events: ${stack.bus.name}, every replica caught up (${catchUpSeconds} s); PostgreSQL: ${postgres ? `embedded (${path.relative(process.cwd(), env.CRM_DATA_DIR) || '.'}/postgres)` : 'DATABASE_URL'}
  Processes answering requests: ${env.CRM_PROCESSES} (CRM_PROCESSES)

  Sign in (demo data; every demo person has the password "${DEMO_PASSWORD}"):
    mutation { login(email: "admin@demo.crm", password: "${DEMO_PASSWORD}") { accessToken } }
  Other demo people: rep1.east.shanghai.team1@demo.crm (a rep), lead.east.shanghai.team1@demo.crm
  (a team lead), manager.east.shanghai@demo.crm (a city manager).
  Send the token as "Authorization: Bearer <accessToken>". Ctrl-C stops everything.
`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
