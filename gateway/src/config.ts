import path from 'node:path';
import { schemaDir } from '@crm/platform';
import { z } from 'zod';

const subgraphUrl = z.url({ protocol: /^https?$/ }).optional();

export const gatewayEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  SUPERGRAPH_PATH: z.string().default(path.join(schemaDir, 'supergraph.graphql')),
  AUTH_PUBLIC_KEY: z
    .string()
    .transform((value) => value.replace(/\\n/g, '\n'))
    .refine((value) => value.includes('BEGIN PUBLIC KEY'), 'must be a PEM PUBLIC KEY'),
  // The supergraph carries local routing URLs; deployments point the gateway elsewhere with these.
  SUBGRAPH_URL_IDENTITY: subgraphUrl,
  SUBGRAPH_URL_CUSTOMERS: subgraphUrl,
  SUBGRAPH_URL_FUNNEL: subgraphUrl,
  SUBGRAPH_URL_SERVICE: subgraphUrl,
  SUBGRAPH_URL_ANALYTICS: subgraphUrl,
});

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export function subgraphUrlOverrides(env: GatewayEnv): Record<string, string> {
  const entries = Object.entries(env).flatMap(([key, value]) =>
    key.startsWith('SUBGRAPH_URL_') && typeof value === 'string' ? [[key.slice('SUBGRAPH_URL_'.length).toLowerCase(), value]] : [],
  );
  return Object.fromEntries(entries);
}
