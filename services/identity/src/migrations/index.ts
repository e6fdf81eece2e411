import { Migration20261123000100Identity } from './Migration20261123000100Identity';

/** Oldest first; a new migration is appended, never edited in. */
export const migrations = [{ name: 'Migration20261123000100Identity', class: Migration20261123000100Identity }];
