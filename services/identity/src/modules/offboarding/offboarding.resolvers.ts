import { requireActor } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { deactivateUser } from './deactivation.service';

export const offboardingResolvers: Resolvers = {
  Mutation: {
    deactivateUser: (_root, { input }, { em, actor }) => deactivateUser(em, requireActor(actor), input),
  },
};
