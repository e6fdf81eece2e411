import { definePermissions, type Role } from '@crm/platform';

/** Assigning leads is a lead's, manager's or admin's, to reps within reach; the rules are the admins'. */
export const ASSIGNERS: readonly Role[] = ['ADMIN', 'MANAGER', 'TEAM_LEAD'];

export const assignmentPermissions = definePermissions({
  'lead.assign': ASSIGNERS,
  'assignment.rules': ['ADMIN'],
});
