import { Migration } from '@mikro-orm/migrations';

/**
 * FUN-11's quotes and their lines. Money is numeric(18,2); a quote's lines are replaced as a whole
 * while it is a draft, so they are looked up by quote only. Quotes are listed by opportunity, and
 * by status with their validity, which decides whether an open one has expired.
 */
export class Migration20261215110000Quote extends Migration {
  override async up(): Promise<void> {
    this.addSql('create sequence quote_number_seq');
    this.addSql(`create table quote (
      id uuid primary key,
      number varchar(20) not null unique default ('QT' || lpad(nextval('quote_number_seq')::text, 8, '0')),
      opportunity_id uuid not null references opportunity (id) deferrable initially deferred,
      customer_id uuid not null,
      status varchar(20) not null,
      valid_until date not null,
      note text,
      subtotal numeric(18,2) not null check (subtotal >= 0),
      discount_total numeric(18,2) not null,
      total numeric(18,2) not null check (total >= 0),
      created_by_id uuid not null,
      created_at timestamptz not null,
      sent_at timestamptz,
      accepted_at timestamptz,
      rejected_at timestamptz,
      reject_reason text,
      order_id uuid references sales_order (id) deferrable initially deferred)`);
    this.addSql('create index quote_opportunity_idx on quote (opportunity_id, id desc)');
    this.addSql('create index quote_status_idx on quote (status, valid_until, id desc)');
    this.addSql(`create table quote_line (
      id uuid primary key,
      quote_id uuid not null references quote (id) deferrable initially deferred,
      line_no integer not null,
      product_id uuid not null references product (id) deferrable initially deferred,
      main_line integer check (main_line >= 0),
      quantity integer not null check (quantity > 0),
      book_price numeric(18,2) not null check (book_price >= 0),
      price_source varchar(30) not null,
      price_book_id uuid,
      discount_percent numeric(5,2) check (discount_percent between 0 and 100),
      net_unit_price numeric(18,2) not null check (net_unit_price >= 0),
      amount numeric(18,2) not null check (amount >= 0),
      unique (quote_id, line_no))`);
  }
}
