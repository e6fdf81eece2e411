import { Migration20261205100000Scoring } from './Migration20261205100000Scoring';

/** Oldest first; a new migration is appended, never edited in. */
export const scoringMigrations = [{ name: 'Migration20261205100000Scoring', class: Migration20261205100000Scoring }];
