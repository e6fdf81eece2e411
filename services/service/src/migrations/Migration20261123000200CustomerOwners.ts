import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000200CustomerOwners extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table customer_owner (customer_id uuid primary key, owner_id uuid not null)');
    this.addSql('create index customer_owner_owner_id_idx on customer_owner (owner_id)');
  }
}
