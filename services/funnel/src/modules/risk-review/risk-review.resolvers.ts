import { parseId, parsePageArgs } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { approveNewCustomer, listNewCustomerReviews, rejectNewCustomer } from './risk-review.service';
import { readThresholds, setThresholds } from './risk-settings';

export const riskReviewResolvers: Resolvers = {
  Query: {
    newCustomerReviews: (_root, { state, ...args }, context) => listNewCustomerReviews(context, parsePageArgs(args), state),
    newCustomerRiskThresholds: (_root, _args, { em, actor }) => readThresholds(em, actor),
  },
  Mutation: {
    approveNewCustomer: (_root, { id, note }, context) => approveNewCustomer(context, { id: parseId(id), note }),
    rejectNewCustomer: (_root, { id, reason }, context) => rejectNewCustomer(context, { id: parseId(id), reason }),
    setNewCustomerRiskThresholds: (_root, { input }, context) => setThresholds(context, input),
  },
  Customer: {
    newCustomerReview: (customer, _args, { loaders }) => loaders.newCustomerReviewByCustomer.load(customer.id),
  },
  NewCustomerReview: {
    customer: (review) => ({ id: review.customerId }),
    lead: (review, _args, { loaders }) => loaders.lead.load(review.leadId),
    owner: (review) => ({ id: review.ownerId }),
    convertedBy: (review) => ({ id: review.convertedById }),
    decidedBy: (review) => (review.decidedById ? { id: review.decidedById } : null),
  },
};
