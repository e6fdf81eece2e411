import { Migration } from '@mikro-orm/migrations';

/** FUN-5: the pools' drops and claims as anti-collusion reads them, the flags raised on them, and the thresholds. */
export class Migration20261204100000Collusion extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table collusion_movement (
      id uuid primary key,
      event_id uuid not null unique,
      kind text not null check (kind in ('DROPPED', 'CLAIMED')),
      record_type text not null,
      record_id uuid not null,
      customer_id uuid not null,
      person_id uuid not null,
      former_owner_id uuid null,
      dropped_at timestamptz null,
      drop_reason text null,
      protected_until timestamptz null,
      occurred_at timestamptz not null)`);
    // A record's history (ping-pong, the drop a claim followed) and a pair's claims (quick hand-offs).
    this.addSql('create index collusion_movement_record_idx on collusion_movement (record_id, occurred_at)');
    this.addSql(`create index collusion_movement_pair_idx on collusion_movement (person_id, former_owner_id, occurred_at) where kind = 'CLAIMED'`);
    this.addSql(`create table collusion_flag (
      id uuid primary key,
      kind text not null check (kind in ('QUICK_HANDOFF', 'PING_PONG', 'TEAMMATE_AT_PROTECTION_END')),
      person_a_id uuid not null,
      person_b_id uuid not null check (person_a_id < person_b_id),
      status text not null check (status in ('OPEN', 'DISMISSED', 'CLAIM_REVERSED')),
      opened_at timestamptz not null,
      last_seen_at timestamptz not null,
      closed_at timestamptz null,
      closed_by_id uuid null,
      close_reason text null,
      reversed_record_id uuid null)`);
    this.addSql(`create unique index collusion_flag_open_pair_idx on collusion_flag (kind, person_a_id, person_b_id) where status = 'OPEN'`);
    this.addSql('create index collusion_flag_status_id_idx on collusion_flag (status, id desc)');
    this.addSql(`create table collusion_flag_movement (
      flag_id uuid not null references collusion_flag (id),
      movement_id uuid not null references collusion_movement (id),
      primary key (flag_id, movement_id))`);
    // Whether a movement is already evidence of a closed flag.
    this.addSql('create index collusion_flag_movement_movement_idx on collusion_flag_movement (movement_id)');
    this.addSql(`create table collusion_settings (
      id smallint primary key default 1 check (id = 1),
      handoff_minutes int not null,
      repeat_count int not null,
      window_days int not null,
      protection_end_minutes int not null,
      updated_at timestamptz not null,
      updated_by_id uuid not null)`);
  }
}
