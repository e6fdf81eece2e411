import { definePermissions } from '@crm/platform';

/** Who may shape the org tree. Seeing units is open to everyone signed in; their audit trail follows the subtree (ORG-2). */
export const orgUnitPermissions = definePermissions({
  'org_unit.create': ['ADMIN'],
  'org_unit.rename': ['ADMIN'],
  'org_unit.move': ['ADMIN'],
});
