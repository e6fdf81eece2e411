import { Migration20261125110700Availability } from './Migration20261125110700Availability';
import { Migration20261125110900DirectoryViews } from './Migration20261125110900DirectoryViews';

/** Oldest first; a new migration is appended, never edited in. */
export const availabilityMigrations = [
  { name: 'Migration20261125110700Availability', class: Migration20261125110700Availability },
  { name: 'Migration20261125110900DirectoryViews', class: Migration20261125110900DirectoryViews },
];
