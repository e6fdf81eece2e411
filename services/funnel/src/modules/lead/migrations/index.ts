import { Migration20261125300000Lead } from './Migration20261125300000Lead';

/** Oldest first; a new migration is appended, never edited in. */
export const leadMigrations = [{ name: 'Migration20261125300000Lead', class: Migration20261125300000Lead }];
