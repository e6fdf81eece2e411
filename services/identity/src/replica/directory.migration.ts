import { Migration } from '@mikro-orm/migrations';

/** The directory replica every subgraph with owned records carries (see directoryConsumer). */
export class Migration20261123000050Directory extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists ltree');
    this.addSql(`create table directory_user (
      id uuid primary key,
      display_name text not null,
      org_unit_id uuid not null,
      org_path ltree not null,
      active boolean not null)`);
    this.addSql('create index directory_user_org_path_gist_idx on directory_user using gist (org_path)');
  }
}

/** Units, roles, assistants' reps, sales teams and leave: enough to decide visibility and routing locally. */
export class Migration20261123000060DirectoryTeams extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table directory_user
      add column roles text[] not null default '{}',
      add column supports uuid[] not null default '{}'`);
    this.addSql('create index directory_user_org_unit_idx on directory_user (org_unit_id)');
    this.addSql('create table directory_org_unit (id uuid primary key, path ltree not null)');
    this.addSql('create index directory_org_unit_path_gist_idx on directory_org_unit using gist (path)');
    this.addSql('create table directory_sales_team (id uuid primary key, leader_id uuid not null)');
    this.addSql(`create table directory_team_member (
      team_id uuid not null references directory_sales_team (id) on delete cascade,
      user_id uuid not null,
      primary key (team_id, user_id))`);
    this.addSql('create index directory_team_member_user_idx on directory_team_member (user_id)');
    this.addSql(`create table directory_leave (
      id uuid primary key,
      user_id uuid not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null)`);
    this.addSql('create index directory_leave_user_idx on directory_leave (user_id, ends_at)');
  }
}

/** Territories, so a subgraph can refuse cross-territory work without asking identity (ORG-3). */
export class Migration20261123000070DirectoryTerritories extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table directory_territory_binding (division_code text primary key, org_unit_id uuid not null)');
    this.addSql(`create table directory_territory_area (
      id uuid primary key,
      org_unit_id uuid not null,
      boundary jsonb not null,
      bbox box not null,
      area_m2 double precision not null)`);
    this.addSql('create index directory_territory_area_bbox_idx on directory_territory_area using gist (bbox)');
  }
}

/** Each team's product-line map (sales_team.changed 1.1), so a subgraph attributes order lines locally (ORG-4). */
export class Migration20261208100000DirectoryProductLines extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table directory_product_line_rep (
      team_id uuid not null references directory_sales_team (id) on delete cascade,
      product_line text not null,
      user_id uuid not null,
      primary key (team_id, product_line))`);
  }
}

export const directoryMigrations = [
  { name: 'Migration20261123000050Directory', class: Migration20261123000050Directory },
  { name: 'Migration20261123000060DirectoryTeams', class: Migration20261123000060DirectoryTeams },
  { name: 'Migration20261123000070DirectoryTerritories', class: Migration20261123000070DirectoryTerritories },
  { name: 'Migration20261208100000DirectoryProductLines', class: Migration20261208100000DirectoryProductLines },
];
