import { definePermissions } from '@crm/platform';

/**
 * Who may do what with customer groups (CUS-4). Placing customers in groups and their order
 * defaults follow seeing them (ORG-2); granting credit is for admins and managers.
 */
export const customerGroupPermissions = definePermissions({
  'customer_group.set_credit_limit': ['ADMIN', 'MANAGER'],
});
