import { Migration20261123000100Service } from './Migration20261123000100Service';

/** Oldest first; a new migration is appended, never edited in. */
export const migrations = [{ name: 'Migration20261123000100Service', class: Migration20261123000100Service }];
