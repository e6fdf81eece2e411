import { Migration20261123000100Customers } from './Migration20261123000100Customers';
import { Migration20261123000200CreatedBy } from './Migration20261123000200CreatedBy';
import { Migration20261123000300SecondaryOwner } from './Migration20261123000300SecondaryOwner';
import { Migration20261123000400SalesTeam } from './Migration20261123000400SalesTeam';

/** Oldest first; a new migration is appended, never edited in. */
export const migrations = [
  { name: 'Migration20261123000100Customers', class: Migration20261123000100Customers },
  { name: 'Migration20261123000200CreatedBy', class: Migration20261123000200CreatedBy },
  { name: 'Migration20261123000300SecondaryOwner', class: Migration20261123000300SecondaryOwner },
  { name: 'Migration20261123000400SalesTeam', class: Migration20261123000400SalesTeam },
];
