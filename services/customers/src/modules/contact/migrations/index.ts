import { Migration20261127100000Contact } from './Migration20261127100000Contact';

/** Oldest first; a new migration is appended, never edited in. */
export const contactMigrations = [{ name: 'Migration20261127100000Contact', class: Migration20261127100000Contact }];
