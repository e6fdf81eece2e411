import { Migration } from '@mikro-orm/migrations';

/** The runs of a subgraph's jobs (PLT-3); pg-boss creates its own schema when it first starts. */
export class Migration20261125100100Jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table job_record (
      id uuid primary key,
      kind text not null,
      state text not null check (state in ('CREATED', 'RETRY', 'ACTIVE', 'COMPLETED', 'FAILED', 'CANCELLED')),
      progress integer not null default 0,
      total integer null,
      scheduled_for timestamptz null,
      requested_by uuid null,
      created_at timestamptz not null,
      started_at timestamptz null,
      finished_at timestamptz null,
      error text null)`);
    // Exactly once per tick: a second replica's insert of the same tick finds this row and stops.
    this.addSql('create unique index job_record_tick_idx on job_record (kind, scheduled_for) where scheduled_for is not null');
    this.addSql('create index job_record_kind_idx on job_record (kind, id desc)');
    this.addSql('create index job_record_requested_by_idx on job_record (requested_by, id desc) where requested_by is not null');
  }
}

/** A heartbeat per active run, so a run whose process was killed is noticed and tried again. */
export class Migration20261126090000JobHeartbeat extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table job_record add column heartbeat_at timestamptz null');
    this.addSql("create index job_record_active_idx on job_record (heartbeat_at) where state = 'ACTIVE'");
  }
}

export const jobsMigrations = [
  { name: 'Migration20261125100100Jobs', class: Migration20261125100100Jobs },
  { name: 'Migration20261126090000JobHeartbeat', class: Migration20261126090000JobHeartbeat },
];
