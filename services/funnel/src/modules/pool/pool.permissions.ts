import { definePermissions } from '@crm/platform';

/** FUN-4: pool rules are set by admins, and by managers for units in reach; claims are reversed by them too (FUN-5). */
export const poolPermissions = definePermissions({
  'pool.set_policy': ['ADMIN', 'MANAGER'],
  'pool.reverse_claim': ['ADMIN', 'MANAGER'],
  'pool.read_flows': ['ADMIN', 'MANAGER'],
});
