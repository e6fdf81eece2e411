import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits that keep one request from exhausting the graph: depth, aliases, directives, tokens and
 * an estimated cost. Refusals come back as GraphQL validation errors with a code.
 */
export function queryLimits(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 20 },
    maxDirectives: { n: 30 },
    maxTokens: { n: 2000 },
    costLimit: { maxCost: 20000 },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
