import { Migration20261126120000CustomerGroup } from './Migration20261126120000CustomerGroup';

/** Oldest first; a new migration is appended, never edited in. */
export const customerGroupMigrations = [{ name: 'Migration20261126120000CustomerGroup', class: Migration20261126120000CustomerGroup }];
