import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000100Identity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table org_unit (
      id uuid primary key,
      name varchar(100) not null,
      kind text not null check (kind in ('HQ', 'REGION', 'CITY', 'TEAM')),
      path text not null unique,
      parent_id uuid null references org_unit (id))`);
    this.addSql('create index org_unit_parent_id_id_idx on org_unit (parent_id, id desc)');
    // Prefix matches on the path ("everything under X") use this index.
    this.addSql('create index org_unit_path_prefix_idx on org_unit (path text_pattern_ops)');
    this.addSql(`create table app_user (
      id uuid primary key,
      email varchar(254) not null unique,
      display_name varchar(100) not null,
      password_hash text not null,
      org_unit_id uuid not null references org_unit (id),
      roles text[] not null,
      active boolean not null default true,
      created_at timestamptz not null default now())`);
    this.addSql('create index app_user_org_unit_id_id_idx on app_user (org_unit_id, id desc)');
  }
}
