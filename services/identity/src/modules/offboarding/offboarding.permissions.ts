import { definePermissions } from '@crm/platform';

/** ORG-7: who may record that someone leaves; the leaver and the successor must also be in the actor's reach. */
export const offboardingPermissions = definePermissions({
  'user.deactivate': ['ADMIN', 'MANAGER'],
});
