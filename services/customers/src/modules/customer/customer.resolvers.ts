import { auditTrailResolver, parseId, parsePageArgs } from '@crm/platform';
import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import { createCustomer, listCustomers, reassignCustomer, setCustomerSalesTeam } from './customer.service';

export const customerResolvers: Resolvers = {
  Query: {
    customer: (_root, { id }, { loaders }) => loaders.customer.load(parseId(id)),
    customers: (_root, args, { em, actor }) => listCustomers(em, actor, parsePageArgs(args)),
    customerAuditTrail: auditTrailResolver('Customer', (context: Context, id) => context.loaders.customer.load(id)),
  },
  Mutation: {
    createCustomer: (_root, { input }, context) => createCustomer(context, input),
    reassignCustomer: (_root, { input }, context) => reassignCustomer(context, (id) => context.loaders.customer.load(id), input),
    setCustomerSalesTeam: (_root, { input }, context) => setCustomerSalesTeam(context, (id) => context.loaders.customer.load(id), input),
  },
  Customer: {
    __resolveReference: (ref, { loaders }) => loaders.customer.load(ref.id),
    owner: (customer) => ({ __typename: 'User', id: customer.ownerId }),
    createdBy: (customer) => ({ __typename: 'User', id: customer.createdById }),
    salesTeam: (customer) => (customer.salesTeamId ? { __typename: 'SalesTeam', id: customer.salesTeamId } : null),
    secondaryOwner: (customer) => (customer.secondaryOwnerId ? { __typename: 'User', id: customer.secondaryOwnerId } : null),
  },
  User: {
    customers: (user, args, { loaders }) => loaders.customersByOwner.connection(user.id, args),
  },
};
