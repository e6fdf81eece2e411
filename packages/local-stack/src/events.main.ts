/**
 * `npm run events -- <command>`: the operator's view of event delivery, against the system's
 * databases (DATABASE_URL, else the embedded server in .data/, started for the command if the
 * system is not running).
 *
 *   dead-letters                         every consumer's open dead letters, oldest first
 *   replay-dead-letters <consumer> [id…] applies them again once the cause is fixed (all, or the ids)
 */
import path from 'node:path';
import { openDeadLetters, replayDeadLetters, toSubscription } from '@crm/events';
import { consumersOf, createLogger, openSubgraphDatabase, parseEnv } from '@crm/platform';
import pg from 'pg';
import { z } from 'zod';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';
import { allSubgraphs } from './start-local-stack';

const envSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  CRM_DATABASE_PREFIX: z.string().regex(/^[a-z][a-z0-9_]*$/).default('crm_'),
});

const logger = createLogger('events', 'warn');

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The running system's server, or the embedded one started just for this command. */
async function serverUrl(env: z.infer<typeof envSchema>): Promise<{ url: string; embedded?: EmbeddedPostgresHandle }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  const url = `postgres://crm:crm@127.0.0.1:${env.EMBEDDED_POSTGRES_PORT}`;
  if (await reachable(`${url}/postgres`)) return { url };
  const embedded = await startEmbeddedPostgres(path.resolve(__dirname, '../../../.data/postgres'), env.EMBEDDED_POSTGRES_PORT);
  return { url, embedded };
}

async function main([command, ...args]: string[]): Promise<void> {
  const env = parseEnv(envSchema);
  if (command !== 'dead-letters' && command !== 'replay-dead-letters') {
    throw new Error('usage: npm run events -- dead-letters | replay-dead-letters <subgraph>.<consumer> [id ...]');
  }
  const server = await serverUrl(env);
  const databaseUrl = (name: string) => Object.assign(new URL(server.url), { pathname: `/${env.CRM_DATABASE_PREFIX}${name}` }).toString();
  try {
    if (command === 'dead-letters') {
      for (const definition of allSubgraphs) {
        const orm = await openSubgraphDatabase(definition, databaseUrl(definition.name), logger);
        for (const letter of await openDeadLetters(orm)) {
          console.log(`${letter.id}\t${letter.consumer}\t${letter.eventType ?? '(unreadable)'}\t${letter.failedAt.toISOString()}\t${letter.error.split('\n')[0]}`);
        }
        await orm.close();
      }
      return;
    }
    const [group, ...ids] = args;
    const [subgraph, name] = (group ?? '').split('.');
    const definition = allSubgraphs.find((d) => d.name === subgraph);
    const consumer = definition && consumersOf(definition).find((c) => c.name === name);
    if (!definition || !consumer) throw new Error(`no consumer "${group ?? ''}"; consumers are named <subgraph>.<consumer>, as in dead-letters' second column`);
    const orm = await openSubgraphDatabase(definition, databaseUrl(definition.name), logger);
    try {
      const result = await replayDeadLetters(orm, toSubscription(orm, definition.name, consumer, { logger }), ids.length ? ids : undefined);
      console.log(`${group}: ${result.applied} applied, ${result.failed} failed again (see dead-letters)`);
    } finally {
      await orm.close();
    }
  } finally {
    await server.embedded?.stop();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
