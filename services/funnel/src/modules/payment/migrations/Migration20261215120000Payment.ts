import { Migration } from '@mikro-orm/migrations';

/**
 * FUN-11's payments and what each settles; FUN-2's new-customer day. Payments are listed by payer,
 * newest first, and summed where something is still on account (CUS-4's receivables); allocations
 * are read per payment. The day a customer became a new customer is the day its first order was
 * fully paid, kept beside its lifecycle.
 */
export class Migration20261215120000Payment extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table payment (
      id uuid primary key,
      payer_id uuid not null,
      amount numeric(18,2) not null check (amount > 0),
      received_on date not null,
      method varchar(20) not null check (method in ('BANK_TRANSFER', 'CASH', 'CHEQUE', 'ACCEPTANCE_BILL', 'OTHER')),
      reference varchar(100),
      unapplied numeric(18,2) not null check (unapplied >= 0 and unapplied <= amount),
      recorded_by_id uuid not null,
      recorded_at timestamptz not null)`);
    this.addSql('create index payment_payer_idx on payment (payer_id, id desc)');
    this.addSql('create index payment_on_account_idx on payment (payer_id) include (unapplied) where unapplied > 0');
    this.addSql(`create table payment_allocation (
      id uuid primary key,
      payment_id uuid not null references payment (id) deferrable initially deferred,
      order_id uuid not null references sales_order (id) deferrable initially deferred,
      amount numeric(18,2) not null check (amount > 0))`);
    this.addSql('create index payment_allocation_payment_idx on payment_allocation (payment_id, id desc)');
    this.addSql('alter table customer_lifecycle add column active_since date');
  }
}
