import { definePermissions } from '@crm/platform';

/**
 * Beyond seeing a lead (ORG-2): its owner verifies or rejects it (telesales own the leads they
 * call); leads, managers and admins may for the leads they see. Handing leads to reps is the
 * assignment module's.
 */
export const leadPermissions = definePermissions({
  'lead.verify_others': ['ADMIN', 'MANAGER', 'TEAM_LEAD'],
});
