import { Migration20261123000100Service } from './Migration20261123000100Service';
import { Migration20261123000200CustomerOwners } from './Migration20261123000200CustomerOwners';
import { Migration20261123000300SharedCustomers } from './Migration20261123000300SharedCustomers';

/** Oldest first; a new migration is appended, never edited in. */
export const migrations = [
  { name: 'Migration20261123000100Service', class: Migration20261123000100Service },
  { name: 'Migration20261123000200CustomerOwners', class: Migration20261123000200CustomerOwners },
  { name: 'Migration20261123000300SharedCustomers', class: Migration20261123000300SharedCustomers },
];
