import { Migration } from '@mikro-orm/migrations';

/**
 * FUN-11's orders, lines and returns, and the credit policy. Money is numeric(18,2). The partial
 * index on what is still owed serves the credit check (CUS-4): an order's bill-to party's open
 * exposure, and its group's, are sums over only the unpaid orders of those parties, however long
 * their history; the one on due days serves the overdue lists.
 */
export class Migration20261215100000Order extends Migration {
  override async up(): Promise<void> {
    this.addSql('create sequence sales_order_number_seq');
    this.addSql(`create table sales_order (
      id uuid primary key,
      number varchar(20) not null unique,
      status varchar(20) not null,
      customer_id uuid not null,
      ship_to_id uuid not null,
      bill_to_id uuid not null,
      opportunity_id uuid,
      quote_id uuid,
      payment_term_days integer not null check (payment_term_days between 0 and 365),
      note text,
      amount numeric(18,2) not null check (amount >= 0),
      cost numeric(18,2) not null check (cost >= 0),
      returned_amount numeric(18,2) not null default 0 check (returned_amount >= 0),
      returned_cost numeric(18,2) not null default 0 check (returned_cost >= 0),
      paid_amount numeric(18,2) not null default 0 check (paid_amount >= 0),
      open_amount numeric(18,2) not null default 0 check (open_amount >= 0),
      credit_check jsonb,
      created_by_id uuid not null,
      created_at timestamptz not null,
      placed_at timestamptz,
      placed_on date,
      due_on date,
      shipped_at timestamptz,
      completed_at timestamptz,
      cancelled_at timestamptz,
      cancel_reason text,
      fully_paid_on date)`);
    this.addSql('create index sales_order_customer_idx on sales_order (customer_id, id desc)');
    this.addSql('create index sales_order_bill_to_idx on sales_order (bill_to_id, id desc)');
    this.addSql('create index sales_order_open_idx on sales_order (bill_to_id) include (open_amount) where open_amount > 0');
    this.addSql('create index sales_order_due_idx on sales_order (due_on, id) where open_amount > 0');
    this.addSql('create index sales_order_status_idx on sales_order (status, id desc)');
    this.addSql(`create table sales_order_line (
      id uuid primary key,
      order_id uuid not null references sales_order (id) deferrable initially deferred,
      line_no integer not null,
      product_id uuid not null references product (id) deferrable initially deferred,
      product_kind varchar(20) not null,
      product_line varchar(100) not null,
      main_line_id uuid references sales_order_line (id) deferrable initially deferred,
      quantity integer not null check (quantity > 0),
      returned_quantity integer not null default 0 check (returned_quantity between 0 and quantity),
      unit_price numeric(18,2) not null check (unit_price >= 0),
      book_price numeric(18,2) not null check (book_price >= 0),
      price_source varchar(30) not null,
      price_book_id uuid,
      amount numeric(18,2) not null check (amount >= 0),
      unit_cost numeric(18,2) not null check (unit_cost >= 0),
      cost numeric(18,2) not null check (cost >= 0),
      rep_id uuid not null,
      attribution varchar(30) not null,
      unique (order_id, line_no))`);
    this.addSql('create index sales_order_line_rep_idx on sales_order_line (rep_id, order_id)');
    this.addSql(`create table sales_order_return (
      id uuid primary key,
      order_id uuid not null references sales_order (id) deferrable initially deferred,
      reason text not null,
      returned_at timestamptz not null,
      returned_on date not null,
      amount numeric(18,2) not null check (amount >= 0),
      cost numeric(18,2) not null check (cost >= 0),
      refund_due numeric(18,2) not null check (refund_due >= 0),
      recorded_by_id uuid not null)`);
    this.addSql('create index sales_order_return_order_idx on sales_order_return (order_id, id)');
    this.addSql(`create table sales_order_return_line (
      id uuid primary key,
      return_id uuid not null references sales_order_return (id) deferrable initially deferred,
      line_id uuid not null references sales_order_line (id) deferrable initially deferred,
      quantity integer not null check (quantity > 0),
      amount numeric(18,2) not null check (amount >= 0),
      cost numeric(18,2) not null check (cost >= 0))`);
    this.addSql('create index sales_order_return_line_idx on sales_order_return_line (return_id)');
    this.addSql(`create table credit_policy (
      id integer primary key check (id = 1),
      over_limit varchar(10) not null,
      updated_at timestamptz not null)`);
    this.addSql(`insert into credit_policy (id, over_limit, updated_at) values (1, 'REFUSE', now())`);
  }
}
