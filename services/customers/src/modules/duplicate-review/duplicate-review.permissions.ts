import { definePermissions } from '@crm/platform';

/** Deciding whether two customers are one touches both owners' books: a manager's call. */
export const duplicateReviewPermissions = definePermissions({
  'duplicate.review': ['ADMIN', 'MANAGER'],
});
