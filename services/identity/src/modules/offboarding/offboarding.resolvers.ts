import type { Resolvers } from '../../generated/graphql';
import { deactivateUser } from './deactivation.service';

export const offboardingResolvers: Resolvers = {
  Mutation: {
    deactivateUser: (_root, { input }, context) => deactivateUser(context, input),
  },
};
