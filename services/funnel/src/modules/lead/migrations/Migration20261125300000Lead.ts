import { Migration } from '@mikro-orm/migrations';

/** Leads, who owns them and who entered them (ORG-6). */
export class Migration20261125300000Lead extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table lead (
      id uuid primary key,
      title varchar(200) not null,
      source text not null check (source in ('WEB_INQUIRY', 'CRAWLED', 'PURCHASED_LIST', 'BUSINESS_CARD', 'EVENT')),
      status text not null check (status in ('NEW', 'VERIFIED', 'CONVERTED', 'DISCARDED')),
      customer_id uuid null,
      owner_id uuid not null,
      created_at timestamptz not null default now(),
      created_by_id uuid not null)`);
    // Customer.leads pages through this index.
    this.addSql('create index lead_customer_id_id_idx on lead (customer_id, id desc)');
    this.addSql('create index lead_owner_id_id_idx on lead (owner_id, id desc)');
  }
}
