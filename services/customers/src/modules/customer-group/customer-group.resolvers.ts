import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import { Customer } from '../customer';
import { setCreditLimit, setCustomerOrderDefaults, setCustomerParent } from './customer-group.service';

const finder = (context: Context) => (id: string) => context.loaders.customer.load(id);

export const customerGroupResolvers: Resolvers = {
  Mutation: {
    setCustomerParent: (_root, { input }, context) => setCustomerParent(context, finder(context), input),
    setCustomerOrderDefaults: (_root, { input }, context) => setCustomerOrderDefaults(context, finder(context), input),
    setCreditLimit: (_root, { input }, context) => setCreditLimit(context, finder(context), input),
  },
  Customer: {
    parent: async (customer, _args, { loaders }) => {
      const link = await loaders.groupLink.load(customer.id);
      return link?.parentId ? loaders.customer.load(link.parentId) : null;
    },
    children: (customer, args, { loaders }) => loaders.customerChildren.connection(customer.id, args),
    ancestors: async (customer, _args, { loaders }) => {
      const link = await loaders.groupLink.load(customer.id);
      if (!link?.ancestorIds.length) return [];
      const found = await loaders.customer.loadMany(link.ancestorIds);
      return found.filter((ancestor): ancestor is Customer => ancestor instanceof Customer);
    },
    group: async (customer, _args, { loaders }) => {
      const link = await loaders.groupLink.load(customer.id);
      return !link || link.groupId === customer.id ? customer : loaders.customer.load(link.groupId);
    },
    orderDefaults: async (customer, _args, { loaders }) => {
      const ids = (await loaders.orderDefaults.load(customer.id)) ?? { orderingPartyId: customer.id, shipToId: customer.id, billToId: customer.id };
      const party = (id: string) => (id === customer.id ? customer : loaders.customer.load(id));
      const [orderingParty, shipTo, billTo] = await Promise.all([party(ids.orderingPartyId), party(ids.shipToId), party(ids.billToId)]);
      return { orderingParty, shipTo, billTo };
    },
    creditLimit: (customer, _args, { loaders }) => loaders.creditLimit.load(customer.id),
    groupCredit: async (customer, _args, { loaders }) => {
      const link = await loaders.groupLink.load(customer.id);
      return loaders.groupCredit.load(link?.groupId ?? customer.id);
    },
  },
};
