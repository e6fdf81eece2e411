import { definePermissions } from '@crm/platform';

/** The catalogue prices every order and attributes its lines to reps (ORG-4), so only admins define it. */
export const productPermissions = definePermissions({
  'product.define': ['ADMIN'],
});
