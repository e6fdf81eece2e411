import { Migration20261125300000Lead } from './Migration20261125300000Lead';
import { Migration20261130100000LeadCleaning } from './Migration20261130100000LeadCleaning';
import { Migration20261202100000LeadProfile } from './Migration20261202100000LeadProfile';

/** Oldest first; a new migration is appended, never edited in. */
export const leadMigrations = [
  { name: 'Migration20261125300000Lead', class: Migration20261125300000Lead },
  { name: 'Migration20261130100000LeadCleaning', class: Migration20261130100000LeadCleaning },
  { name: 'Migration20261202100000LeadProfile', class: Migration20261202100000LeadProfile },
];
