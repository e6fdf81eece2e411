import type { Resolvers } from '../../generated/graphql';
import { repNewCustomerCredit } from './new-customer-credit.service';

export const newCustomerCreditResolvers: Resolvers = {
  Query: {
    repNewCustomerCredit: (_root, args, { em, actor }) => repNewCustomerCredit(em, actor, args),
  },
};
