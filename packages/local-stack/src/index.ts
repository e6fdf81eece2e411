export { loadOrCreateKeyFile } from './auth-keys-file';
export { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';
export { allSubgraphs, startLocalStack, type LocalStack, type LocalStackOptions } from './start-local-stack';
