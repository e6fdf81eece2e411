import { definePermissions } from '@crm/platform';

/**
 * Who may shape sales teams (ORG-4). Members must be in the actor's reach; a team's leader assigns
 * its product lines without any of these roles, a manager above the leader may do it for them.
 */
export const salesTeamPermissions = definePermissions({
  'sales_team.create': ['ADMIN', 'MANAGER'],
  'sales_team.assign_product_line_for_leader': ['ADMIN', 'MANAGER'],
});
