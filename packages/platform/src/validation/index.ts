export { fields, parseId, parseInput } from './parse-input';
export { graphqlRequestGuard, type GraphQLRequestGuardOptions } from './graphql-request-guard';
export { knownEntityTypesPlugin } from './known-entity-types.plugin';
export { malformedStringReason, wellFormedStringsPlugin } from './well-formed-strings.plugin';
export { legacyJsonStatusPlugin } from './legacy-json-status.plugin';
