import type { Resolvers } from '../../generated/graphql';

export const customerCountResolvers: Resolvers = {
  User: {
    customerCount: async (user, _args, { loaders }) => {
      if (!(await loaders.reachablePerson.load(user.id))) return null;
      return (await loaders.customerCountByOwner.load(user.id))?.customerCount ?? 0;
    },
  },
};
