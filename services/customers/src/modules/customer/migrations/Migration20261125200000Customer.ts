import { Migration } from '@mikro-orm/migrations';

/** Customers and who owns, entered, and shares them (ORG-4, ORG-5, ORG-6). */
export class Migration20261125200000Customer extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table customer (
      id uuid primary key,
      name varchar(200) not null,
      kind text not null check (kind in ('COMPANY', 'INDIVIDUAL')),
      city varchar(100) null,
      owner_id uuid not null,
      created_at timestamptz not null default now(),
      created_by_id uuid not null,
      secondary_owner_id uuid null,
      sales_team_id uuid null)`);
    // "My customers, newest first" and User.customers page through this index.
    this.addSql('create index customer_owner_id_id_idx on customer (owner_id, id desc)');
    this.addSql('create index customer_secondary_owner_id_id_idx on customer (secondary_owner_id, id desc) where secondary_owner_id is not null');
    this.addSql('create index customer_sales_team_id_id_idx on customer (sales_team_id, id desc) where sales_team_id is not null');
  }
}
