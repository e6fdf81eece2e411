import { Migration20261215100000Order } from './Migration20261215100000Order';

/** Oldest first; a new migration is appended, never edited in. */
export const orderMigrations = [{ name: 'Migration20261215100000Order', class: Migration20261215100000Order }];
