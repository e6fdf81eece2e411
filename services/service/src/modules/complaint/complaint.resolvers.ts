import { parseId, parsePageArgs, requireActor } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { fileComplaint, listComplaints } from './complaint.service';

export const complaintResolvers: Resolvers = {
  Query: {
    complaint: (_root, { id }, { loaders }) => loaders.complaint.load(parseId(id)),
    complaints: (_root, args, { em, actor }) => listComplaints(em, actor, parsePageArgs(args)),
  },
  Mutation: {
    fileComplaint: (_root, { input }, { em, actor }) => fileComplaint(em, requireActor(actor), input),
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
