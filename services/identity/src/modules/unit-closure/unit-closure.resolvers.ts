import type { Resolvers } from '../../generated/graphql';
import { closeOrgUnit } from './unit-closure.service';

export const unitClosureResolvers: Resolvers = {
  Mutation: {
    closeOrgUnit: (_root, { id }, context) => closeOrgUnit(context, id),
  },
};
