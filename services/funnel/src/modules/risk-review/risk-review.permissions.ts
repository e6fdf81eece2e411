import { definePermissions } from '@crm/platform';

/**
 * FUN-9: whether a rep's new customer earns credit is decided above the rep — managers, for the
 * reps they reach (ORG-2), and admins; the thresholds are an admin's, and not shown to reps, who
 * could otherwise convert just outside them.
 */
export const riskReviewPermissions = definePermissions({
  'new_customer.review': ['ADMIN', 'MANAGER'],
  'new_customer.configure_risk': ['ADMIN'],
});
