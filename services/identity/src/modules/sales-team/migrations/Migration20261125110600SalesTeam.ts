import { Migration } from '@mikro-orm/migrations';

/** Sales teams, their members and product-line reps, ORG-4 (baseline of the former migration 0700). */
export class Migration20261125110600SalesTeam extends Migration {
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
  }
}
