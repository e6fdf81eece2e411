import { Migration20261201110000Opportunity } from './Migration20261201110000Opportunity';

/** Oldest first; a new migration is appended, never edited in. */
export const opportunityMigrations = [{ name: 'Migration20261201110000Opportunity', class: Migration20261201110000Opportunity }];
