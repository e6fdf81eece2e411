import { parseId, parsePageArgs } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { DuplicateReviewNotFoundException } from './duplicate-review.exception';
import { checkDuplicates, dismissDuplicateReview, listDuplicateReviews } from './duplicate-review.service';

export const duplicateReviewResolvers: Resolvers = {
  Query: {
    checkDuplicates: (_root, { input }, context) => checkDuplicates(context, input),
    duplicateReviews: (_root, args, context) => listDuplicateReviews(context, parsePageArgs(args)),
  },
  Mutation: {
    dismissDuplicateReview: (_root, { id, reason }, context) => dismissDuplicateReview(context, { id: parseId(id), reason }),
  },
  DuplicateCandidate: {
    customer: (found, _args, { loaders }) => (found.visible ? loaders.customer.load(found.customerId) : null),
  },
  DuplicateReview: {
    // Listed only when its customer is visible to the reader (listDuplicateReviews).
    customer: async (review, _args, { loaders }) => (await loaders.customer.load(review.customerId)) ?? Promise.reject(new DuplicateReviewNotFoundException(review.id)),
    candidate: (review, _args, { loaders }) => loaders.customer.load(review.candidateId),
    decidedBy: (review) => (review.decidedById ? { __typename: 'User', id: review.decidedById } : null),
  },
};
