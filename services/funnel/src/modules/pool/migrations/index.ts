import { Migration20261203100000Pool } from './Migration20261203100000Pool';

/** Oldest first; a new migration is appended, never edited in. */
export const poolMigrations = [{ name: 'Migration20261203100000Pool', class: Migration20261203100000Pool }];
