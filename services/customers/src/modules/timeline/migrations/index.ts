import { Migration20261126100000Timeline } from './Migration20261126100000Timeline';

/** Oldest first; a new migration is appended, never edited in. */
export const timelineMigrations = [{ name: 'Migration20261126100000Timeline', class: Migration20261126100000Timeline }];
