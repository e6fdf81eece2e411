import { directoryMigration } from '@crm/platform';
import { Migration20261123000100Funnel } from './Migration20261123000100Funnel';

/** Oldest first; a new migration is appended, never edited in. */
export const migrations = [directoryMigration, { name: 'Migration20261123000100Funnel', class: Migration20261123000100Funnel }];
