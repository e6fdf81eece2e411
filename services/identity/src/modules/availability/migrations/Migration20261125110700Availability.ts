import { Migration } from '@mikro-orm/migrations';

/** Leave periods, ORG-5 (baseline of the former migration 0700). */
export class Migration20261125110700Availability extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table leave_period (
      id uuid primary key,
      user_id uuid not null references app_user (id) deferrable initially deferred,
      starts_at timestamptz not null,
      ends_at timestamptz not null check (ends_at > starts_at))`);
    this.addSql('create index leave_period_user_id_starts_at_idx on leave_period (user_id, starts_at)');
  }
}
