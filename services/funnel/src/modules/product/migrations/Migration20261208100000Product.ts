import { Migration } from '@mikro-orm/migrations';

/**
 * FUN-11's catalogue and price books. The references are checked at commit: the entities carry ids,
 * not relations, so one flush may insert a book's entries before the book. Prices are numeric(18,2) and never negative; price book
 * entries are only ever inserted (a change is a new version), indexed for the one lookup orders
 * make: a product's latest version in a book on a day.
 */
export class Migration20261208100000Product extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table product_line (
      id uuid primary key,
      code varchar(100) not null unique,
      name varchar(100) not null,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql(`create table product_category (
      id uuid primary key,
      name varchar(100) not null unique,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql(`create table product (
      id uuid primary key,
      sku varchar(64) not null unique,
      name varchar(200) not null,
      unit varchar(20) not null,
      line_id uuid not null references product_line (id) deferrable initially deferred,
      category_id uuid references product_category (id) deferrable initially deferred,
      kind varchar(20) not null,
      standard_cost numeric(18,2) not null check (standard_cost >= 0),
      list_price numeric(18,2) not null check (list_price >= 0),
      active boolean not null,
      attachable_to_ids jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql('create index product_line_idx on product (line_id, id)');
    this.addSql('create index product_category_idx on product (category_id, id)');
    this.addSql('create index product_attachable_to_idx on product using gin (attachable_to_ids jsonb_path_ops)');
    this.addSql('create extension if not exists pg_trgm');
    this.addSql('create index product_name_trgm_idx on product using gin (name gin_trgm_ops)');
    this.addSql('create index product_sku_trgm_idx on product using gin (sku gin_trgm_ops)');
    this.addSql(`create table price_book (
      id uuid primary key,
      name varchar(100) not null,
      valid_from date not null,
      valid_to date not null check (valid_to >= valid_from),
      customer_group_id uuid,
      created_at timestamptz not null)`);
    this.addSql('create index price_book_group_idx on price_book (customer_group_id, valid_from)');
    this.addSql(`create table price_book_entry (
      id uuid primary key,
      price_book_id uuid not null references price_book (id) deferrable initially deferred,
      product_id uuid not null references product (id) deferrable initially deferred,
      price numeric(18,2) not null check (price >= 0),
      valid_from date not null,
      recorded_at timestamptz not null,
      recorded_by_id uuid)`);
    this.addSql('create index price_book_entry_price_idx on price_book_entry (price_book_id, product_id, valid_from desc, id desc)');
    this.addSql('create index price_book_entry_book_idx on price_book_entry (price_book_id, id)');
  }
}
