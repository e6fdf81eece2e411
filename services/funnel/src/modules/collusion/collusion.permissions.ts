import { definePermissions } from '@crm/platform';

/**
 * FUN-5: flags go to the managers above both people and to admins, who dismiss them or reverse a
 * claim; a rep never sees one. Only admins tune what counts as suspicious.
 */
export const collusionPermissions = definePermissions({
  'collusion.review': ['ADMIN', 'MANAGER'],
  'collusion.configure': ['ADMIN'],
});
