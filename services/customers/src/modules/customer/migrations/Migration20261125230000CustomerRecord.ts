import { Migration } from '@mikro-orm/migrations';

/** CUS-1/CUS-2: where a customer is, what it is, and the keys that identify it (unique across customers). */
export class Migration20261125230000CustomerRecord extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table customer
      add column division_code text,
      add column address text,
      add column longitude double precision,
      add column latitude double precision,
      add column industry text,
      add column source text,
      add column tags text[] not null default '{}'`);
    this.addSql('create index customer_division_code_idx on customer (division_code)');
    this.addSql('create index customer_tags_idx on customer using gin (tags)');
    this.addSql(`create table customer_key (
      kind text not null,
      value text not null,
      -- Checked at commit: the unit of work may insert a customer's keys before the customer.
      customer_id uuid not null references customer (id) on delete cascade deferrable initially deferred,
      primary key (kind, value))`);
    this.addSql('create index customer_key_customer_idx on customer_key (customer_id)');
  }
}
