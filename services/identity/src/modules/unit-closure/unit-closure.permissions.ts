import { definePermissions } from '@crm/platform';

export const unitClosurePermissions = definePermissions({
  'org_unit.close': ['ADMIN'],
});
