import { Migration } from '@mikro-orm/migrations';

/** Consent, company devices and working hours for ORG-8 (baseline of the former migration 0500). */
export class Migration20261125110400LocationConsent extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table location_consent (
      user_id uuid primary key references app_user (id),
      consented_at timestamptz not null,
      withdrawn_at timestamptz null)`);
    this.addSql(`create table company_device (
      id uuid primary key,
      user_id uuid not null references app_user (id),
      device_id text not null unique,
      registered_at timestamptz not null default now())`);
    this.addSql(`create table unit_working_hours (
      org_unit_id uuid primary key references org_unit (id),
      weekdays integer[] not null,
      start_minute integer not null check (start_minute between 0 and 1439),
      end_minute integer not null check (end_minute between 1 and 1440 and end_minute > start_minute))`);
  }
}
