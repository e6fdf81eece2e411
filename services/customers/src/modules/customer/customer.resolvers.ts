import { auditTrailResolver, findPage, parseId, parsePageArgs } from '@crm/platform';
import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import { mergeCustomers } from './customer-merge';
import { customerFacets, outsideTerritoriesCondition, parseCustomerFilter } from './customer-search';
import { Customer } from './customer.entity';
import { survivorOf } from './customer.loaders';
import { createCustomer, listCustomers, reassignCustomer, setCustomerSalesTeam } from './customer.service';

export const customerResolvers: Resolvers = {
  Query: {
    customer: (_root, { id }, { loaders }) => survivorOf(loaders.customer, parseId(id)),
    customers: (_root, args, { em, actor }) => listCustomers(em, actor, parsePageArgs(args), parseCustomerFilter(args.filter), args.orderBy === 'OLDEST_FIRST'),
    customerFacets: (_root, args, { em, actor }) => customerFacets(em, actor, parseCustomerFilter(args.filter)),
    customersOutsideTerritories: (_root, args, context) => findPage(context.em, Customer, parsePageArgs(args), outsideTerritoriesCondition(context)),
    // CUS-3: the survivor's history holds what happened to the customers merged into it (owners included).
    customerAuditTrail: auditTrailResolver(
      'Customer',
      (context: Context, id) => context.loaders.customer.load(id),
      (id) => ({ sql: 'select id::text from customer where merged_into_id = ?', params: [id] }),
    ),
  },
  Mutation: {
    createCustomer: (_root, { input }, context) => createCustomer(context, input),
    reassignCustomer: (_root, { input }, context) => reassignCustomer(context, (id) => context.loaders.customer.load(id), input),
    setCustomerSalesTeam: (_root, { input }, context) => setCustomerSalesTeam(context, (id) => context.loaders.customer.load(id), input),
    mergeCustomers: (_root, { input }, context) => mergeCustomers(context, (id) => context.loaders.customer.load(id), input),
  },
  Customer: {
    __resolveReference: (ref, { loaders }) => survivorOf(loaders.customer, ref.id),
    owner: (customer) => ({ __typename: 'User', id: customer.ownerId }),
    createdBy: (customer) => ({ __typename: 'User', id: customer.createdById }),
    location: (customer) => (customer.longitude === null || customer.latitude === null ? null : { longitude: customer.longitude, latitude: customer.latitude }),
    identityKeys: (customer, _args, { loaders }) => loaders.identityKeys.load(customer.id),
    salesTeam: (customer) => (customer.salesTeamId ? { __typename: 'SalesTeam', id: customer.salesTeamId } : null),
    secondaryOwner: (customer) => (customer.secondaryOwnerId ? { __typename: 'User', id: customer.secondaryOwnerId } : null),
  },
  User: {
    customers: (user, args, { loaders }) => loaders.customersByOwner.connection(user.id, args),
  },
};
