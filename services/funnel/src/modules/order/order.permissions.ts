import { definePermissions } from '@crm/platform';

/**
 * Who may do what with orders; which orders is a matter of which customers they see (ORG-2).
 * An assistant enters orders for the reps they support (ORG-6); exceeding a credit limit and
 * moving a rep's credit are decisions above a rep, and the credit policy is the company's.
 */
export const orderPermissions = definePermissions({
  'order.enter': ['REP', 'ASSISTANT', 'TEAM_LEAD', 'MANAGER', 'ADMIN'],
  'order.approve_credit': ['MANAGER', 'ADMIN'],
  'order.reassign_line': ['TEAM_LEAD', 'MANAGER', 'ADMIN'],
  'order.set_credit_policy': ['ADMIN'],
});
