import { Migration20261125110500Territory } from './Migration20261125110500Territory';

/** Oldest first; a new migration is appended, never edited in. */
export const territoryMigrations = [{ name: 'Migration20261125110500Territory', class: Migration20261125110500Territory }];
