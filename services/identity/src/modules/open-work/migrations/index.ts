import { Migration20261125110800OpenWork } from './Migration20261125110800OpenWork';

/** Oldest first; a new migration is appended, never edited in. */
export const openWorkMigrations = [{ name: 'Migration20261125110800OpenWork', class: Migration20261125110800OpenWork }];
