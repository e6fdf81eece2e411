import { Migration } from '@mikro-orm/migrations';

/**
 * FUN-9 for appraisal (ANA-7): each converted lead's new customer with the rep it is credited to,
 * its review state and the Shanghai day it was registered; a rep's credit reads a range of days.
 */
export class Migration20261207110000NewCustomerCredit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table new_customer_credit (
      customer_id uuid primary key,
      owner_id uuid not null,
      state text not null check (state in ('CLEARED', 'PENDING', 'APPROVED', 'REJECTED')),
      registered_day date not null,
      revision integer not null)`);
    this.addSql('create index new_customer_credit_owner_day_idx on new_customer_credit (owner_id, registered_day)');
  }
}
