import { Migration20261208100000Product } from './Migration20261208100000Product';

/** Oldest first; a new migration is appended, never edited in. */
export const productMigrations = [{ name: 'Migration20261208100000Product', class: Migration20261208100000Product }];
