import { Migration } from '@mikro-orm/migrations';

/** A customer may be shared by a sales team (ORG-4); its members see it through this column. */
export class Migration20261123000400SalesTeam extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table customer add column sales_team_id uuid null');
    this.addSql('create index customer_sales_team_id_id_idx on customer (sales_team_id, id desc) where sales_team_id is not null');
  }
}
