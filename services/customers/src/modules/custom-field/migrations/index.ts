import { Migration20261128100000CustomField } from './Migration20261128100000CustomField';

/** Oldest first; a new migration is appended, never edited in. */
export const customFieldMigrations = [{ name: 'Migration20261128100000CustomField', class: Migration20261128100000CustomField }];
