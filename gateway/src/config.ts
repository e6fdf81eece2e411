import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { schemaDir } from '@crm/platform';
import { z } from 'zod';

const SUBGRAPH_URL_PREFIX = 'SUBGRAPH_URL_';

/** The variable that overrides a subgraph's routing URL: `SUBGRAPH_URL_<NAME>`, `-` written `_`. */
export const subgraphUrlVariable = (subgraph: string) => `${SUBGRAPH_URL_PREFIX}${subgraph.toUpperCase().replaceAll('-', '_')}`;

/** The subgraphs a supergraph routes to, by name: its `join__Graph` values. */
export const subgraphNamesIn = (supergraphSdl: string): string[] =>
  [...supergraphSdl.matchAll(/@join__graph\(\s*name:\s*"([^"]+)"/g)].map((match) => match[1]!);

const subgraphUrl = z.url({ protocol: /^https?$/ });

/**
 * Every other variable passes through untouched; the `SUBGRAPH_URL_<NAME>` ones are checked against
 * the subgraphs of the supergraph the gateway loads, so adding a subgraph needs no change here and a
 * misspelt name stops the start instead of being ignored.
 */
export const gatewayEnvSchema = z
  .looseObject({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    SUPERGRAPH_PATH: z.string().default(path.join(schemaDir, 'supergraph.graphql')),
    /** The clients' operations (a persisted-query manifest); in production the only ones that run. */
    PERSISTED_DOCUMENTS_PATH: z.string().default(path.join(schemaDir, 'persisted-documents.json')),
    /** Overrides the default (on in production): run only the persisted documents. */
    SAFELIST_ONLY: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
    AUTH_PUBLIC_KEY: z
      .string()
      .transform((value) => value.replace(/\\n/g, '\n'))
      .refine((value) => value.includes('BEGIN PUBLIC KEY'), 'must be a PEM PUBLIC KEY'),
  })
  .superRefine((env, context) => {
    const overrides = Object.keys(env).filter((key) => key.startsWith(SUBGRAPH_URL_PREFIX));
    if (overrides.length === 0) return;
    if (!existsSync(env.SUPERGRAPH_PATH)) {
      context.addIssue({ code: 'custom', path: ['SUPERGRAPH_PATH'], message: `no such file: ${env.SUPERGRAPH_PATH}` });
      return;
    }
    const variables = new Set(subgraphNamesIn(readFileSync(env.SUPERGRAPH_PATH, 'utf8')).map(subgraphUrlVariable));
    for (const key of overrides) {
      if (!variables.has(key)) {
        context.addIssue({ code: 'custom', path: [key], message: `the supergraph has no such subgraph; it has ${[...variables].join(', ')}` });
      } else if (!subgraphUrl.safeParse(env[key]).success) {
        context.addIssue({ code: 'custom', path: [key], message: 'must be an http(s) URL' });
      }
    }
  });

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/** The routing URLs the environment overrides, by subgraph name (the supergraph carries local ones). */
export function subgraphUrlOverrides(env: GatewayEnv): Record<string, string> {
  const entries = Object.entries(env).flatMap(([key, value]) =>
    key.startsWith(SUBGRAPH_URL_PREFIX) && typeof value === 'string'
      ? [[key.slice(SUBGRAPH_URL_PREFIX.length).toLowerCase().replaceAll('_', '-'), value]]
      : [],
  );
  return Object.fromEntries(entries);
}
