import { definePermissions } from '@crm/platform';

/**
 * Who may record someone else's leave: a manager, for people in their reach (ORG-2). Anyone records
 * their own, and an assistant that of the reps they support (ORG-6); leading a sales team gives no
 * say over a member's leave.
 */
export const availabilityPermissions = definePermissions({
  'leave.record_for_others': ['MANAGER'],
});
