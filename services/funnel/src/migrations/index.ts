import { Migration20261123000100Funnel } from './Migration20261123000100Funnel';
import { Migration20261123000200CreatedBy } from './Migration20261123000200CreatedBy';

/** Oldest first; a new migration is appended, never edited in. */
export const migrations = [
  { name: 'Migration20261123000100Funnel', class: Migration20261123000100Funnel },
  { name: 'Migration20261123000200CreatedBy', class: Migration20261123000200CreatedBy },
];
