import { Migration } from '@mikro-orm/migrations';

/** FUN-4: public and private pools, their policies per unit and rep, and the log of movements. */
export class Migration20261203100000Pool extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table pool_entry (
      id uuid primary key,
      record_type text not null check (record_type in ('OPPORTUNITY', 'CUSTOMER')),
      record_id uuid not null,
      customer_id uuid not null,
      state text not null check (state in ('PRIVATE', 'PUBLIC')),
      owner_id uuid null,
      division_code text null,
      territory_path ltree null,
      last_follow_up_at timestamptz not null,
      last_stage_move_at timestamptz not null,
      entered_private_at timestamptz not null,
      drops_at timestamptz null,
      drop_reason text null,
      warn_at timestamptz null,
      warned_drops_at timestamptz null,
      protection_days int not null default 7,
      former_owner_id uuid null,
      protected_until timestamptz null,
      dropped_at timestamptz null,
      unique (record_type, record_id),
      check ((state = 'PRIVATE') = (owner_id is not null)))
      -- Room on each page, so the sweep's reminders (no indexed column changes) update in place (HOT).
      with (fillfactor = 80)`);
    // The sweep reads due and soon-due private entries through these, in chunks.
    this.addSql(`create index pool_entry_drops_at_idx on pool_entry (drops_at) where state = 'PRIVATE'`);
    this.addSql(`create index pool_entry_warn_at_idx on pool_entry (warn_at) where state = 'PRIVATE'`);
    this.addSql(`create index pool_entry_owner_idx on pool_entry (owner_id, id desc) where state = 'PRIVATE'`);
    this.addSql(`create index pool_entry_public_idx on pool_entry (record_type, id desc) where state = 'PUBLIC'`);
    // A customer's interactions move the clocks of its private entries only.
    this.addSql(`create index pool_entry_customer_idx on pool_entry (customer_id) where state = 'PRIVATE'`);
    this.addSql(`create table pool_policy (
      org_unit_id uuid primary key,
      no_follow_up_days int null check (no_follow_up_days > 0),
      no_stage_move_days int null check (no_stage_move_days > 0),
      no_deal_days int null check (no_deal_days > 0),
      reminder_days int null check (reminder_days >= 0),
      protection_days int null check (protection_days >= 0),
      capacity int null check (capacity >= 0),
      daily_claim_limit int null check (daily_claim_limit > 0),
      customers_enabled boolean null)`);
    this.addSql(`create table pool_rep_capacity (user_id uuid primary key, capacity int not null check (capacity >= 0))`);
    this.addSql(`create table pool_movement (
      id uuid primary key,
      record_type text not null,
      record_id uuid not null,
      kind text not null check (kind in ('ENTERED', 'CLAIMED', 'DROPPED')),
      reason text null,
      user_id uuid not null,
      unit_path ltree not null,
      at timestamptz not null)`);
    this.addSql('create index pool_movement_unit_path_idx on pool_movement using gist (unit_path)');
    this.addSql('create index pool_movement_at_idx on pool_movement (at)');
    // The daily claim limit counts a rep's claims of the day.
    this.addSql(`create index pool_movement_claims_idx on pool_movement (user_id, at) where kind = 'CLAIMED'`);
  }
}
