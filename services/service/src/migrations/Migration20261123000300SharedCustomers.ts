import { Migration } from '@mikro-orm/migrations';

/**
 * Complaints are visible through everyone who shares the customer (secondary owner, sales team),
 * and each is routed to whoever handles the customer's work when it is filed (ORG-5).
 */
export class Migration20261123000300SharedCustomers extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table customer_owner add column secondary_owner_id uuid null, add column sales_team_id uuid null');
    this.addSql('create index customer_owner_secondary_owner_id_idx on customer_owner (secondary_owner_id) where secondary_owner_id is not null');
    this.addSql('create index customer_owner_sales_team_id_idx on customer_owner (sales_team_id) where sales_team_id is not null');
    this.addSql('alter table complaint add column handler_id uuid null');
    this.addSql('create index complaint_handler_id_id_idx on complaint (handler_id, id desc)');
  }
}
