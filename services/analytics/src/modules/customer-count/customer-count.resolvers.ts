import type { Resolvers } from '../../generated/graphql';

export const customerCountResolvers: Resolvers = {
  User: {
    customerCount: async (user, _args, { loaders }) =>
      (await loaders.customerCountByOwner.load(user.id))?.customerCount ?? 0,
  },
};
