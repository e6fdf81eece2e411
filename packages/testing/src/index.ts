export { eventually } from './eventually';
export { errorCodes, graphql, type GraphQLResponse } from './graphql-client';
export { describeWithKafka, kafkaBrokers } from './kafka';
export { testDatabaseUrl, testServerUrl, uniqueDatabasePrefix } from './postgres';
export { startTestSubgraphs, type TestSubgraphs } from './subgraph-harness';
