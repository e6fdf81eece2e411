import { Migration20261123000100Analytics } from './Migration20261123000100Analytics';

/** Oldest first; a new migration is appended, never edited in. */
export const migrations = [{ name: 'Migration20261123000100Analytics', class: Migration20261123000100Analytics }];
