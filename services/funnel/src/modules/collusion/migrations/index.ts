import { Migration20261204100000Collusion } from './Migration20261204100000Collusion';

/** Oldest first; a new migration is appended, never edited in. */
export const collusionMigrations = [{ name: 'Migration20261204100000Collusion', class: Migration20261204100000Collusion }];
