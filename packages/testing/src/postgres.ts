import { randomBytes } from 'node:crypto';

/** The test PostgreSQL server (started by the global setup). */
export function testServerUrl(): string {
  const url = process.env.CRM_TEST_PG_URL;
  if (!url) throw new Error('CRM_TEST_PG_URL is not set: run tests through jest so the global setup starts PostgreSQL.');
  return url;
}

/** A database-name prefix of one's own, so test files never share tables. */
export const uniqueDatabasePrefix = (): string => `t${randomBytes(4).toString('hex')}_`;

export function testDatabaseUrl(name: string): string {
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
