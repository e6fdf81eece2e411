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

export const directoryMigration = { name: 'Migration20261123000050Directory', class: Migration20261123000050Directory };
