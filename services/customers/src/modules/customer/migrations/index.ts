import { Migration20261125200000Customer } from './Migration20261125200000Customer';

/** Oldest first; a new migration is appended, never edited in. */
export const customerMigrations = [{ name: 'Migration20261125200000Customer', class: Migration20261125200000Customer }];
