import { uploadMigrations } from '@crm/platform';
import { Migration20261130110000LeadImport } from './Migration20261130110000LeadImport';

/** Oldest first; a new migration is appended, never edited in. Funnel's uploads come with this module. */
export const leadImportMigrations = [...uploadMigrations, { name: 'Migration20261130110000LeadImport', class: Migration20261130110000LeadImport }];
