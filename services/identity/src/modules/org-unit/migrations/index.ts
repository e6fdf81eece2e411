import { Migration20261125110100OrgUnit } from './Migration20261125110100OrgUnit';

/** Oldest first; a new migration is appended, never edited in. */
export const orgUnitMigrations = [{ name: 'Migration20261125110100OrgUnit', class: Migration20261125110100OrgUnit }];
