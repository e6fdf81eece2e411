import { Migration20261125110300Session } from './Migration20261125110300Session';

/** Oldest first; a new migration is appended, never edited in. */
export const sessionMigrations = [{ name: 'Migration20261125110300Session', class: Migration20261125110300Session }];
