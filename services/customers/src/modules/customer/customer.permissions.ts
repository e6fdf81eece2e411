import { definePermissions } from '@crm/platform';

/** Who may do what with customers, beyond seeing them (seeing follows ownership, ORG-2). */
export const customerPermissions = definePermissions({
  'customer.reassign': ['ADMIN', 'MANAGER', 'TEAM_LEAD'],
  'customer.share_with_team': ['ADMIN', 'MANAGER', 'TEAM_LEAD'],
  // Two owners' books change at once: a manager's decision.
  'customer.merge': ['ADMIN', 'MANAGER'],
  'customer.review_territories': ['ADMIN'],
});
