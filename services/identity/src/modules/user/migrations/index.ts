import { Migration20261125110200User } from './Migration20261125110200User';

/** Oldest first; a new migration is appended, never edited in. */
export const userMigrations = [{ name: 'Migration20261125110200User', class: Migration20261125110200User }];
