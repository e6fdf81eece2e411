import { definePermissions, type Role } from '@crm/platform';

/** An import takes leads in by the thousand for someone's book, and may hand them out: a lead's, manager's or admin's job. */
export const IMPORTERS: readonly Role[] = ['ADMIN', 'MANAGER', 'TEAM_LEAD'];

export const leadImportPermissions = definePermissions({ 'lead.import': IMPORTERS });
