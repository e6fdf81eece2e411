import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000100Customers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table customer (
      id uuid primary key,
      name varchar(200) not null,
      kind text not null check (kind in ('COMPANY', 'INDIVIDUAL')),
      city varchar(100) null,
      owner_id uuid not null,
      created_at timestamptz not null default now())`);
    // "My customers, newest first" and User.customers page through this index.
    this.addSql('create index customer_owner_id_id_idx on customer (owner_id, id desc)');
  }
}
