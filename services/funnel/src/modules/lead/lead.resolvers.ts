import { parseId, parsePageArgs, requireActor } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { createLead, listLeads } from './lead.service';

export const leadResolvers: Resolvers = {
  Query: {
    lead: (_root, { id }, { loaders }) => loaders.lead.load(parseId(id)),
    leads: (_root, args, { em, actor }) => listLeads(em, actor, parsePageArgs(args)),
  },
  Mutation: {
    createLead: (_root, { input }, { em, actor }) => createLead(em, requireActor(actor), input),
  },
  Lead: {
    __resolveReference: (ref, { loaders }) => loaders.lead.load(ref.id),
    customer: (lead) => (lead.customerId ? { id: lead.customerId } : null),
    owner: (lead) => ({ id: lead.ownerId }),
    createdBy: (lead) => ({ id: lead.createdById }),
  },
  Customer: {
    leads: (customer, args, { loaders }) => loaders.leadsByCustomer.connection(customer.id, args),
  },
};
