import { Migration20261207110000NewCustomerCredit } from './Migration20261207110000NewCustomerCredit';

/** Oldest first; a new migration is appended, never edited in. */
export const newCustomerCreditMigrations = [{ name: 'Migration20261207110000NewCustomerCredit', class: Migration20261207110000NewCustomerCredit }];
