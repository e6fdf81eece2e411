import { Migration } from '@mikro-orm/migrations';

/** The org tree as an ltree: "everything under X" becomes one GiST-indexed `path <@ X`. */
export class Migration20261123000200OrgTree extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists ltree');
    this.addSql('drop index org_unit_path_prefix_idx');
    this.addSql('alter table org_unit alter column path type ltree using path::ltree');
    this.addSql('create index org_unit_path_gist_idx on org_unit using gist (path)');
    // The unit's own label in the path; unique among its siblings because paths are unique.
    this.addSql('alter table org_unit add column code text null');
    this.addSql('update org_unit set code = subpath(path, nlevel(path) - 1)::text');
    this.addSql('alter table org_unit alter column code set not null');
    this.addSql('alter table org_unit add column closed_at timestamptz null');
  }
}
