import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, getVariableValues, type FragmentDefinitionNode } from 'graphql';
import { operationCost } from './query-cost';

/** The code of a refusal for cost: the one every other query limit (depth, aliases, …) gives. */
export const COST_LIMIT_CODE = 'GRAPHQL_VALIDATION_FAILED';

/**
 * Refuses, before anything is executed, an operation whose estimated cost (see `operationCost`)
 * is over `maxCost`, counted with the request's variables and the schema's default page sizes.
 * The refusal is an HTTP 400 with code GRAPHQL_VALIDATION_FAILED, a message naming the limit and
 * the cost, and both as `extensions.maxCost` and `extensions.cost`.
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          // Variables execution will refuse anyway: nothing is asked of any subgraph.
          if (coerced.errors) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const cost = operationCost(schema, operation, fragments, coerced.coerced);
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${cost}.`, {
              extensions: { code: COST_LIMIT_CODE, cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
