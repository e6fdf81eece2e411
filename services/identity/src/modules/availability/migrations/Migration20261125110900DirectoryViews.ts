import { Migration } from '@mikro-orm/migrations';

/**
 * "Who handles" (ORG-5) is written once, as `directoryHandlerLookups` over the directory replica
 * every other subgraph keeps. Identity owns the originals, so it carries the replica's tables as
 * views of the same names and columns over its own tables, and answers `whoHandles` with the very
 * same lookups. Identity therefore never lists `identityReplica` among its own modules;
 * a later migration that changes a column these views read drops and recreates them.
 */
export class Migration20261125110900DirectoryViews extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create view directory_user as
      select u.id, u.display_name, u.org_unit_id, o.path as org_path, u.active, u.roles, u.supports
        from app_user u join org_unit o on o.id = u.org_unit_id`);
    this.addSql('create view directory_sales_team as select id, leader_id from sales_team');
    this.addSql('create view directory_team_member as select team_id, user_id from sales_team_member');
    this.addSql('create view directory_leave as select id, user_id, starts_at, ends_at from leave_period');
  }
}
