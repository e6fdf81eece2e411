import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, isInterfaceType, isObjectType, valueFromASTUntyped, type GraphQLSchema } from 'graphql';
import { DomainException, ErrorCodes } from '../errors';

function unknownTypename(schema: GraphQLSchema, representation: unknown): string | undefined {
  const typename = (representation as { __typename?: unknown } | null)?.__typename;
  if (typeof typename !== 'string') return String(typename);
  const type = schema.getType(typename);
  return isObjectType(type) || isInterfaceType(type) ? undefined : typename;
}

/**
 * A subgraph's `_entities` given a representation whose `__typename` names no object or interface
 * of its schema throws a plain error inside @apollo/subgraph, which reaches the caller as an
 * INTERNAL_SERVER_ERROR; it is the caller's mistake, so it is refused first as BAD_USER_INPUT.
 */
export function knownEntityTypesPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, schema }) {
          if (operation?.operation !== 'query') return;
          for (const selection of operation.selectionSet.selections) {
            if (selection.kind !== Kind.FIELD || selection.name.value !== '_entities') continue;
            const argument = selection.arguments?.find((a) => a.name.value === 'representations');
            if (!argument) continue;
            const representations: unknown = valueFromASTUntyped(argument.value, request.variables ?? {});
            const list = Array.isArray(representations) ? representations : [representations];
            list.forEach((representation: unknown, index) => {
              const unknown = unknownTypename(schema, representation);
              if (unknown !== undefined) {
                throw new DomainException(ErrorCodes.BadUserInput, `Representation ${index} of _entities names "${unknown}", which is no entity type of this subgraph.`, {
                  reason: 'UNKNOWN_ENTITY_TYPE',
                  field: `_entities(representations)[${index}].__typename`,
                  httpStatus: 400,
                });
              }
            });
          }
        },
      };
    },
  };
}
