import { Migration } from '@mikro-orm/migrations';

/** CUS-6: logged interactions, and each customer's timeline projected from events. */
export class Migration20261126100000Timeline extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table interaction (
      id uuid primary key,
      customer_id uuid not null references customer (id) on delete cascade,
      kind text not null check (kind in ('CALL', 'WECHAT', 'MEETING', 'VISIT', 'NOTE')),
      occurred_at timestamptz not null,
      summary text not null check (char_length(summary) <= 2000),
      logged_by_id uuid not null,
      created_at timestamptz not null)`);
    this.addSql('create index interaction_customer_idx on interaction (customer_id, occurred_at desc, id desc)');
    // A projection: no foreign key to customer, so an event about a customer not replicated yet still lands.
    this.addSql(`create table customer_timeline_entry (
      id uuid primary key,
      customer_id uuid not null,
      kind text not null check (kind in ('LEAD', 'COMPLAINT', 'INTERACTION')),
      occurred_at timestamptz not null,
      entity_type text not null,
      entity_id uuid not null,
      actor_id uuid null,
      summary text null,
      source_event_id uuid not null,
      constraint customer_timeline_entry_source_event_id_unique unique (source_event_id))`);
    // Customer.timeline pages newest first through the first; with a kinds filter, through the second.
    this.addSql('create index customer_timeline_entry_customer_idx on customer_timeline_entry (customer_id, occurred_at desc, id desc)');
    this.addSql('create index customer_timeline_entry_customer_kind_idx on customer_timeline_entry (customer_id, kind, occurred_at desc, id desc)');
  }
}
