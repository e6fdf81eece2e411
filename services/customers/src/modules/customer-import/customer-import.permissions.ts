import { definePermissions, type Role } from '@crm/platform';

/** An import creates customers by the thousand for someone's book: a lead's, manager's or admin's job. */
export const IMPORTERS: readonly Role[] = ['ADMIN', 'MANAGER', 'TEAM_LEAD'];

export const customerImportPermissions = definePermissions({ 'customer.import': IMPORTERS });
