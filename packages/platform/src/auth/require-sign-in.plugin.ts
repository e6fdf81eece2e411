import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { UnauthenticatedException } from '../errors';
import type { Actor } from './actor';

function rootFieldNames(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : ['(fragment)']));
}

/**
 * Refuses any operation from an anonymous caller unless every root field it selects is public
 * (e.g. `login`). Runs after parsing and validation, before any resolver.
 */
export function requireSignInPlugin<C extends BaseContext & { actor: Actor | null }>(
  publicFields: readonly string[],
): ApolloServerPlugin<C> {
  // Introspection is governed by the server's `introspection` switch, not by sign-in.
  const open = new Set([...publicFields, '__typename', '__schema', '__type']);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (contextValue.actor || !operation) return;
          if (rootFieldNames(operation).every((name) => open.has(name))) return;
          throw new UnauthenticatedException();
        },
      };
    },
  };
}
