export { ConfigError, parseEnv, subgraphEnvSchema, type SubgraphEnv } from './env';
