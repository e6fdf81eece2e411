import { Migration } from '@mikro-orm/migrations';

/**
 * The org tree (baseline of the former migrations 0100 and 0200). The tree is an ltree: "everything
 * under X" becomes one GiST-indexed `path <@ X`.
 */
export class Migration20261125110100OrgUnit extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists ltree');
    // `code` is the unit's own label in the path, unique among its siblings because paths are unique.
    this.addSql(`create table org_unit (
      id uuid primary key,
      name varchar(100) not null,
      kind text not null check (kind in ('HQ', 'REGION', 'CITY', 'TEAM')),
      path ltree not null unique,
      parent_id uuid null references org_unit (id),
      code text not null,
      closed_at timestamptz null)`);
    this.addSql('create index org_unit_parent_id_id_idx on org_unit (parent_id, id desc)');
    this.addSql('create index org_unit_path_gist_idx on org_unit using gist (path)');
  }
}
