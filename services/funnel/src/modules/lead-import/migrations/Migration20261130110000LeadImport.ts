import { Migration } from '@mikro-orm/migrations';

export class Migration20261130110000LeadImport extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table lead_import (
      id uuid primary key,
      upload_id uuid null references upload (id) on delete set null,
      file_name text not null,
      format text not null check (format in ('CSV', 'XLSX')),
      mapping jsonb not null,
      headers text[] not null,
      source text not null,
      on_invalid_phone text not null check (on_invalid_phone in ('FLAG', 'REMOVE')),
      verify boolean not null,
      owner_id uuid not null,
      distribute_to_owner_id uuid null,
      distribute_to_team_id uuid null,
      requested_by_id uuid not null,
      job_id uuid null,
      state text not null check (state in ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
      rows integer not null default 0,
      created integer not null default 0,
      flagged integer not null default 0,
      matched_customer integer not null default 0,
      matched_open_lead integer not null default 0,
      collapsed integer not null default 0,
      removed integer not null default 0,
      failed integer not null default 0,
      verified integer not null default 0,
      distributed integer not null default 0,
      done_through_row integer not null default 0,
      created_at timestamptz not null,
      finished_at timestamptz null,
      error text null)`);
    this.addSql(`create table lead_import_error (
      id uuid primary key,
      import_id uuid not null references lead_import (id) on delete cascade,
      row integer not null,
      "column" text null,
      code text not null,
      message text not null,
      "values" text[] not null)`);
    // An import's report pages in file order (ids are time-ordered, written in row order).
    this.addSql('create index lead_import_error_import_idx on lead_import_error (import_id, id)');
  }
}
