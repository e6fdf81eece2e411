import { Migration } from '@mikro-orm/migrations';

/** CUS-1: the people at a customer, at most one of them its primary contact. */
export class Migration20261127100000Contact extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table contact (
      id uuid primary key,
      customer_id uuid not null references customer (id) on delete cascade,
      name text not null check (char_length(name) between 1 and 100),
      title text null check (char_length(title) <= 100),
      mobile text null check (mobile ~ '^1[0-9]{10}$'),
      landline text null check (char_length(landline) <= 30),
      email text null check (char_length(email) <= 254),
      wechat_id text null check (wechat_id ~ '^[A-Za-z][A-Za-z0-9_-]{5,19}$'),
      birthday date null,
      decision_role text null check (decision_role in ('DECISION_MAKER', 'INFLUENCER', 'USER', 'PURCHASER', 'FINANCE', 'GATEKEEPER', 'OTHER')),
      is_primary boolean not null default false,
      created_by_id uuid not null,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    // Customer.contacts of a batch of customers, in the order it shows them.
    this.addSql('create index contact_customer_idx on contact (customer_id, is_primary desc, name, id)');
    this.addSql('create unique index contact_one_primary_per_customer on contact (customer_id) where is_primary');
  }
}
