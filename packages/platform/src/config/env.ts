import { z } from 'zod';

/** Raised at start-up when the environment is unusable; lists every problem at once. */
export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  return result.data;
}

const pem = (label: string) =>
  z
    .string()
    .transform((value) => value.replace(/\\n/g, '\n'))
    .refine((value) => value.includes(`BEGIN ${label}`), `must be a PEM ${label}`);

/** Variables every subgraph reads. */
export const subgraphEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  PORT: z.coerce.number().int().min(0).max(65535),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  EVENT_TRANSPORT: z.enum(['kafka', 'in-process']).default('kafka'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean)),
  KAFKA_TOPIC_REPLICATION: z.coerce.number().int().min(1).default(1),
  /** Prefix of every topic and consumer group, for systems that share a Kafka cluster. */
  KAFKA_NAMESPACE: z.string().regex(/^[a-zA-Z0-9._-]*$/).default(''),
  AUTH_PUBLIC_KEY: pem('PUBLIC KEY'),
  AUTH_PRIVATE_KEY: pem('PRIVATE KEY').optional(),
});

export type SubgraphEnv = z.infer<typeof subgraphEnvSchema>;
