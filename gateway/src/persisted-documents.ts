import { readFileSync } from 'node:fs';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { z } from 'zod';

const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/), name: z.string(), body: z.string() })),
});

/** The clients' documents by id (SHA-256 of the text), from a persisted-query manifest (`npm run compose` writes schema/persisted-documents.json). */
export function loadPersistedDocuments(file: string): ReadonlyMap<string, string> {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return new Map(manifest.operations.map((operation) => [operation.id, operation.body]));
}

/** Apollo Server prefixes every key of its persisted-query cache with this (its APQ_CACHE_PREFIX). */
const APQ_KEY_PREFIX = 'apq:';
const idIn = (key: string): string => (key.startsWith(APQ_KEY_PREFIX) ? key.slice(APQ_KEY_PREFIX.length) : key);

/**
 * Where Apollo Server looks up a document sent by id: the clients' own documents first, then (unless
 * the gateway runs the safelist only) those registered through automatic persisted queries, in a
 * bounded cache of their own.
 */
export class PersistedDocumentStore implements KeyValueCache<string> {
  constructor(
    private readonly documents: ReadonlyMap<string, string>,
    private readonly registered: KeyValueCache<string> | null,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return this.documents.get(idIn(key)) ?? (await this.registered?.get(key));
  }

  async set(key: string, document: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (!this.documents.has(idIn(key))) await this.registered?.set(key, document, options);
  }

  async delete(key: string): Promise<boolean | void> {
    return this.registered?.delete(key);
  }
}
