import { auditTrailResolver, parseId, parsePageArgs } from '@crm/platform';
import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import { createLead, listLeads } from './lead.service';

export const leadResolvers: Resolvers = {
  Query: {
    lead: (_root, { id }, { loaders }) => loaders.lead.load(parseId(id)),
    leads: (_root, args, { em, actor }) => listLeads(em, actor, parsePageArgs(args)),
    leadAuditTrail: auditTrailResolver('Lead', (context: Context, id) => context.loaders.lead.load(id)),
  },
  Mutation: {
    createLead: (_root, { input }, context) => createLead(context, input),
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
