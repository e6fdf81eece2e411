import { Migration20261215110000Quote } from './Migration20261215110000Quote';

/** Oldest first; a new migration is appended, never edited in. */
export const quoteMigrations = [{ name: 'Migration20261215110000Quote', class: Migration20261215110000Quote }];
