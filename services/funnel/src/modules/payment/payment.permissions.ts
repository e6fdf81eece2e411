import { definePermissions } from '@crm/platform';

/**
 * Recording money received is finance work, done by the office (assistants), team leads and
 * managers who reconcile the bank statement. Reps are left out on purpose: a rep is paid on the
 * customers it makes (FUN-2 counts the day the first order is fully paid), so a rep recording the
 * payment that makes its own new customer would grade its own work.
 */
export const paymentPermissions = definePermissions({
  'payment.record': ['ADMIN', 'MANAGER', 'ASSISTANT', 'TEAM_LEAD'],
});
