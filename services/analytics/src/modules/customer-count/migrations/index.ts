import { Migration20261125500000CustomerCount } from './Migration20261125500000CustomerCount';

/** Oldest first; a new migration is appended, never edited in. */
export const customerCountMigrations = [{ name: 'Migration20261125500000CustomerCount', class: Migration20261125500000CustomerCount }];
