import { auditTrailResolver, parseId, parsePageArgs } from '@crm/platform';
import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import { fileComplaint, listComplaints } from './complaint.service';

export const complaintResolvers: Resolvers = {
  Query: {
    complaint: (_root, { id }, { loaders }) => loaders.complaint.load(parseId(id)),
    complaints: (_root, args, { em, actor }) => listComplaints(em, actor, parsePageArgs(args)),
    complaintAuditTrail: auditTrailResolver('Complaint', (context: Context, id) => context.loaders.complaint.load(id)),
  },
  Mutation: {
    fileComplaint: (_root, { input }, context) => fileComplaint(context, input),
  },
  Complaint: {
    __resolveReference: (ref, { loaders }) => loaders.complaint.load(ref.id),
    customer: (complaint) => ({ id: complaint.customerId }),
    filedBy: (complaint) => ({ id: complaint.filedById }),
    handler: (complaint) => (complaint.handlerId ? { id: complaint.handlerId } : null),
  },
  Customer: {
    complaints: (customer, args, { loaders }) => loaders.complaintsByCustomer.connection(customer.id, args),
  },
};
