import { Migration } from '@mikro-orm/migrations';

/** FUN-6: how each lead was last assigned, admins' assignment rules, round-robin cursors, bulk runs. */
export class Migration20261206100000Assignment extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table lead_assignment (
      lead_id uuid primary key references lead (id) on delete cascade,
      strategy text not null check (strategy in ('ROUND_ROBIN', 'RANDOM', 'MANUAL', 'RULES', 'EVEN_SPLIT', 'STRENGTHS')),
      reason text not null,
      assigned_by_id uuid not null,
      assigned_at timestamptz not null)`);
    this.addSql(`create table assignment_rule (
      id uuid primary key,
      priority integer not null unique,
      division_code text null,
      industry text null,
      source text null,
      to_owner_id uuid null,
      to_org_unit_id uuid null,
      to_sales_team_id uuid null,
      created_by_id uuid not null,
      created_at timestamptz not null,
      check (num_nonnulls(to_owner_id, to_org_unit_id, to_sales_team_id) = 1))`);
    this.addSql(`create table assignment_cursor (
      team_key text primary key,
      last_user_id uuid not null)`);
    this.addSql(`create table lead_assignment_run (
      id uuid primary key,
      strategy text not null,
      to_owner_id uuid null,
      to_org_unit_id uuid null,
      to_sales_team_id uuid null,
      lead_ids uuid[] not null,
      requested_by_id uuid not null,
      job_id uuid null,
      state text not null check (state in ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
      assigned integer not null default 0,
      created_at timestamptz not null,
      finished_at timestamptz null,
      error text null)`);
  }
}
