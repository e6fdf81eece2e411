import type { Resolvers } from '../../generated/graphql';
import { recordLeave, whoHandles } from './availability.service';

export const availabilityResolvers: Resolvers = {
  Query: {
    whoHandles: (_root, args, context) => whoHandles(context, args),
  },
  Mutation: {
    recordLeave: async (_root, { input }, context) => {
      const leave = await recordLeave(context, input);
      return { id: leave.id, from: leave.startsAt, to: leave.endsAt };
    },
  },
};
