import { directoryMigration } from '@crm/platform';
import { Migration20261123000100Customers } from './Migration20261123000100Customers';

/** Oldest first; a new migration is appended, never edited in. */
export const migrations = [directoryMigration, { name: 'Migration20261123000100Customers', class: Migration20261123000100Customers }];
