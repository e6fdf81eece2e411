import { Migration } from '@mikro-orm/migrations';

/** Opportunities (FUN-2), their stage history and funnel's view of a customer's lifecycle. */
export class Migration20261201110000Opportunity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table opportunity (
      id uuid primary key,
      customer_id uuid not null,
      owner_id uuid not null,
      pipeline_id uuid not null,
      stage_id uuid not null,
      amount numeric(18,2) null,
      expected_close_date date null,
      decision_maker varchar(100) null,
      competitor varchar(100) null,
      quote_id varchar(100) null,
      status text not null check (status in ('OPEN', 'WON', 'LOST')),
      close_reason text null,
      closed_at timestamptz null,
      closed_by_id uuid null,
      source_lead_id uuid null unique,
      created_at timestamptz not null)`);
    // Customer.opportunities and the visibility-limited list page through these.
    this.addSql('create index opportunity_customer_id_id_idx on opportunity (customer_id, id desc)');
    this.addSql('create index opportunity_owner_id_id_idx on opportunity (owner_id, id desc)');
    this.addSql(`create table opportunity_stage_change (
      id uuid primary key,
      opportunity_id uuid not null,
      pipeline_id uuid not null,
      from_stage_id uuid null,
      to_stage_id uuid not null,
      moved_by_id uuid not null,
      moved_at timestamptz not null)`);
    this.addSql('create index opportunity_stage_change_opportunity_id_id_idx on opportunity_stage_change (opportunity_id, id desc)');
    this.addSql(`create table customer_lifecycle (
      customer_id uuid primary key,
      status text not null default 'PROSPECT' check (status in ('PROSPECT', 'ACTIVE')))`);
  }
}
