import { Migration } from '@mikro-orm/migrations';

/** Org paths as ltree, so a re-org re-homes every affected person with one indexed update. */
export class Migration20261123000200DirectoryTree extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists ltree');
    this.addSql('alter table directory_user alter column org_path type ltree using org_path::ltree');
    this.addSql('create index directory_user_org_path_gist_idx on directory_user using gist (org_path)');
  }
}
