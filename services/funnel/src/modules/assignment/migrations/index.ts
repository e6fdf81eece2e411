import { Migration20261206100000Assignment } from './Migration20261206100000Assignment';

/** Oldest first; a new migration is appended, never edited in. */
export const assignmentMigrations = [{ name: 'Migration20261206100000Assignment', class: Migration20261206100000Assignment }];
