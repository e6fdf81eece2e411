import { definePermissions } from '@crm/platform';

/**
 * Who may do what with custom fields (CUS-1). Defining and changing fields is for admins; setting a
 * customer's values follows seeing the customer (ORG-2), and everyone signed in reads the fields.
 */
export const customFieldPermissions = definePermissions({
  'custom_field.define': ['ADMIN'],
  'custom_field.update': ['ADMIN'],
  'custom_field.retire': ['ADMIN'],
});
