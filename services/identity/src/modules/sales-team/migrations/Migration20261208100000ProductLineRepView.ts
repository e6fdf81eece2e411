import { Migration } from '@mikro-orm/migrations';

/**
 * The directory replica's `directory_product_line_rep` as a view over identity's own map, so
 * `repsForProductLines` answers identity's `repForProductLine` with the rule the replicas apply
 * (see Migration20261125110900DirectoryViews).
 */
export class Migration20261208100000ProductLineRepView extends Migration {
  override async up(): Promise<void> {
    this.addSql('create view directory_product_line_rep as select team_id, product_line, user_id from product_line_rep');
  }
}
