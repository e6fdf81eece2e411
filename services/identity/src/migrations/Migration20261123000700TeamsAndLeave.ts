import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000700TeamsAndLeave extends Migration {
  override async up(): Promise<void> {
    // References are deferred: the ORM does not order inserts by these plain-id columns.
    const user = 'uuid not null references app_user (id) deferrable initially deferred';
    this.addSql(`create table sales_team (
      id uuid primary key,
      name varchar(100) not null,
      leader_id ${user},
      created_at timestamptz not null default now())`);
    this.addSql(`create table sales_team_member (
      team_id uuid not null references sales_team (id) deferrable initially deferred,
      user_id ${user},
      primary key (team_id, user_id))`);
    this.addSql('create index sales_team_member_user_id_idx on sales_team_member (user_id)');
    this.addSql(`create table product_line_rep (
      team_id uuid not null references sales_team (id) deferrable initially deferred,
      product_line varchar(100) not null,
      user_id ${user},
      primary key (team_id, product_line))`);
    this.addSql(`create table leave_period (
      id uuid primary key,
      user_id ${user},
      starts_at timestamptz not null,
      ends_at timestamptz not null check (ends_at > starts_at))`);
    this.addSql('create index leave_period_user_id_starts_at_idx on leave_period (user_id, starts_at)');
  }
}
