import { requireActor } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { recordLeave, whoHandles } from './availability.service';

export const availabilityResolvers: Resolvers = {
  Query: {
    whoHandles: (_root, args, { em }) => whoHandles(em, args),
  },
  Mutation: {
    recordLeave: async (_root, { input }, { em, actor }) => {
      const leave = await recordLeave(em, requireActor(actor), input);
      return { id: leave.id, from: leave.startsAt, to: leave.endsAt };
    },
  },
};
