import { Migration } from '@mikro-orm/migrations';

/**
 * FUN-9: each converted lead's new customer as risk control assessed it (and a reviewer decided),
 * the admin's thresholds, and the indexes the checks look leads up by.
 */
export class Migration20261207100000RiskReview extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table new_customer_review (
      id uuid primary key,
      customer_id uuid not null unique,
      lead_id uuid not null,
      owner_id uuid not null,
      converted_by_id uuid not null,
      state text not null check (state in ('CLEARED', 'PENDING', 'APPROVED', 'REJECTED')),
      findings jsonb not null,
      revision integer not null check (revision >= 1),
      created_at timestamptz not null,
      decided_by_id uuid null,
      decided_at timestamptz null,
      decision_note text null)`);
    // The queue pages through pending reviews; managers' through their reps'; the hourly rate counts an owner's.
    this.addSql(`create index new_customer_review_pending_idx on new_customer_review (id desc) where state = 'PENDING'`);
    this.addSql('create index new_customer_review_owner_idx on new_customer_review (owner_id, created_at)');
    this.addSql(`create table new_customer_risk_settings (
      id text primary key check (id = 'current'),
      device_burst_count integer not null,
      device_burst_hours integer not null,
      phone_burst_count integer not null,
      phone_burst_hours integer not null,
      fast_conversion_minutes integer not null,
      conversions_per_hour integer not null,
      updated_at timestamptz not null,
      updated_by_id uuid not null)`);
    // Phone checks look a number up among all leads, whatever their status (lead_open_mobile_idx holds open ones only).
    this.addSql('create index lead_mobile_created_idx on lead (mobile, created_at) where mobile is not null');
    this.addSql('create index lead_landline_created_idx on lead (landline, created_at) where landline is not null');
  }
}
