// Once per jest run: a real PostgreSQL for every test file. DATABASE_URL (a server URL) wins;
// otherwise an embedded server from the npm registry starts in a throw-away folder.
import { startThrowawayPostgres } from './throwaway-postgres.mjs';

export default async function globalSetup() {
  process.env.LOG_LEVEL ??= 'warn';
  if (process.env.CRM_TEST_PG_URL) return;
  if (process.env.DATABASE_URL) {
    process.env.CRM_TEST_PG_URL = process.env.DATABASE_URL;
    return;
  }
  const { server, databaseDir, serverUrl } = await startThrowawayPostgres('test');
  process.env.CRM_TEST_PG_URL = serverUrl;
  globalThis.__crmTestPostgres = { server, databaseDir };
}
