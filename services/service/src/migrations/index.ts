import { directoryMigration } from '@crm/platform';
import { Migration20261123000100Service } from './Migration20261123000100Service';
import { Migration20261123000200CustomerOwners } from './Migration20261123000200CustomerOwners';

/** Oldest first; a new migration is appended, never edited in. */
export const migrations = [
  directoryMigration,
  { name: 'Migration20261123000100Service', class: Migration20261123000100Service },
  { name: 'Migration20261123000200CustomerOwners', class: Migration20261123000200CustomerOwners },
];
