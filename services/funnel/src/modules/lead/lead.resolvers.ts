import { auditTrailResolver, parseId, parsePageArgs } from '@crm/platform';
import type { Context } from '../../context';
import { LeadStatus, type Resolvers } from '../../generated/graphql';
import { rejectLead, verifyLead } from './lead-verification';
import { createLead, listLeads } from './lead.service';

const finder = ({ loaders }: Context) => (id: string) => loaders.lead.load(id);

export const leadResolvers: Resolvers = {
  Query: {
    lead: (_root, { id }, { loaders }) => loaders.lead.load(parseId(id)),
    leads: (_root, { orderBy, ...args }, { em, actor }) => listLeads(em, actor, parsePageArgs(args), orderBy),
    leadAuditTrail: auditTrailResolver('Lead', (context: Context, id) => context.loaders.lead.load(id)),
  },
  Mutation: {
    createLead: (_root, { input }, context) => createLead(context, input),
    verifyLead: (_root, { id }, context) => verifyLead(context, finder(context), id),
    rejectLead: (_root, args, context) => rejectLead(context, finder(context), args),
  },
  Lead: {
    __resolveReference: (ref, { loaders }) => loaders.lead.load(ref.id),
    customer: async (lead, _args, { loaders }) => {
      if (!lead.customerId) return null;
      // Only cleaning links a lead to a customer its author may not see; every other link was checked when made.
      if (lead.status === LeadStatus.MatchedCustomer && !(await loaders.customerVisible.load(lead.customerId))) return null;
      return { id: lead.customerId };
    },
    owner: (lead) => ({ id: lead.ownerId }),
    createdBy: (lead) => ({ id: lead.createdById }),
    duplicateOf: (lead, _args, { loaders }) => (lead.duplicateOfId ? loaders.lead.load(lead.duplicateOfId) : null),
    verifiedBy: (lead) => (lead.verifiedById ? { id: lead.verifiedById } : null),
  },
  Customer: {
    leads: (customer, args, { loaders }) => loaders.leadsByCustomer.connection(customer.id, args),
  },
};
