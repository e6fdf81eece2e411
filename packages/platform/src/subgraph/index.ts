export { loadSubgraphSchema, schemaDir } from './load-schema';
export { onShutdown } from './on-shutdown';
export { runSubgraph } from './run-subgraph';
export { consumersOf, entitiesOf, jobsOf, migrationsOf, resolversOf } from './module-parts';
export { openSubgraphDatabase, startSubgraph, type InProcessFetch, type RunningSubgraph, type SubgraphRuntimeOptions } from './start-subgraph';
export type { SubgraphContext, SubgraphDefinition, SubgraphName } from './subgraph-definition';
