import { Migration } from '@mikro-orm/migrations';

/** People and where they sat when (baseline of the former migrations 0100, 0400, 0800 and 1100). */
export class Migration20261125110200User extends Migration {
  override async up(): Promise<void> {
    // `supports`: for assistants, the reps they support (ORG-6). Sign-in and every subgraph go by
    // `active`, so it and the employment status must never disagree.
    this.addSql(`create table app_user (
      id uuid primary key,
      email varchar(254) not null unique,
      display_name varchar(100) not null,
      password_hash text not null,
      org_unit_id uuid not null references org_unit (id),
      roles text[] not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      supports uuid[] not null default '{}',
      employment_status text not null default 'REGULAR' check (employment_status in ('PROBATION', 'REGULAR', 'LEFT')),
      constraint app_user_left_is_inactive check ((employment_status = 'LEFT') = (not active)))`);
    this.addSql('create index app_user_org_unit_id_id_idx on app_user (org_unit_id, id desc)');
    this.addSql(`create table user_position (
      id uuid primary key,
      -- Deferred: the ORM does not order inserts by these plain-id references.
      user_id uuid not null references app_user (id) deferrable initially deferred,
      org_unit_id uuid not null references org_unit (id) deferrable initially deferred,
      valid_from timestamptz not null,
      valid_to timestamptz null check (valid_to is null or valid_to > valid_from))`);
    this.addSql('create index user_position_user_id_valid_from_idx on user_position (user_id, valid_from desc)');
  }
}
