export { loadOrCreateKeyFile } from './auth-keys-file';
export { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';
export { allSubgraphs, startLocalStack, startRequestServer, type LocalStack, type LocalStackOptions, type RequestServerOptions } from './start-local-stack';
