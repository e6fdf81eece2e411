import { Migration20261215120000Payment } from './Migration20261215120000Payment';

/** Oldest first; a new migration is appended, never edited in. */
export const paymentMigrations = [{ name: 'Migration20261215120000Payment', class: Migration20261215120000Payment }];
