import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const handle = globalThis.__crmTestPostgres;
  if (!handle) return;
  await handle.server.stop();
  rmSync(handle.databaseDir, { recursive: true, force: true });
}
