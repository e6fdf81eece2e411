import { definePermissions } from '@crm/platform';

/**
 * Who may change people. Each write also needs the person within the actor's reach (ORG-2):
 * a manager changes only people in their subtree.
 */
export const userPermissions = definePermissions({
  'user.create': ['ADMIN'],
  'user.update': ['ADMIN'],
  'user.set_supported_reps': ['ADMIN', 'MANAGER'],
  'user.set_employment_status': ['ADMIN', 'MANAGER'],
});
