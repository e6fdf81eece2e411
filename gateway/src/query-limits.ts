import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { queryCostPlugin } from './cost/query-cost.plugin';

/**
 * The most an operation may cost: about as many objects as it can make the graph return (see
 * `operationCost`). A list screen of 50 customers, each with its owners, 5 leads and 5 complaints,
 * costs about 2,000; customers → owner → customers → leads, 20 each (the default page), 17,281.
 */
export const MAX_QUERY_COST = 10000;

/**
 * Limits that keep one request from exhausting the graph: depth, aliases, directives, tokens and
 * an estimated cost. Refusals come back as GraphQL validation errors with a code. The cost is
 * counted by our own plugin, with the request's variables and the schema's default page sizes
 * (graphql-armor's cost limit counts neither, so it is off).
 */
export function queryLimits(production: boolean): { plugins: ApolloServerPlugin<BaseContext>[]; validationRules: ReturnType<ApolloArmor['protect']>['validationRules'] } {
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 20 },
    maxDirectives: { n: 30 },
    maxTokens: { n: 2000 },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { plugins: [...armor.plugins, queryCostPlugin(MAX_QUERY_COST)], validationRules: armor.validationRules };
}
