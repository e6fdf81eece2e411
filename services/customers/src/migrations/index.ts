import { Migration20261123000100Customers } from './Migration20261123000100Customers';
import { Migration20261123000200DirectoryTree } from './Migration20261123000200DirectoryTree';

/** Oldest first; a new migration is appended, never edited in. */
export const migrations = [
  { name: 'Migration20261123000100Customers', class: Migration20261123000100Customers },
  { name: 'Migration20261123000200DirectoryTree', class: Migration20261123000200DirectoryTree },
];
