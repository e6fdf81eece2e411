import { Migration } from '@mikro-orm/migrations';

/** After a hand-over the previous rep stays on as secondary owner (ORG-5) and keeps seeing the customer. */
export class Migration20261123000300SecondaryOwner extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table customer add column secondary_owner_id uuid null');
    this.addSql('create index customer_secondary_owner_id_id_idx on customer (secondary_owner_id, id desc) where secondary_owner_id is not null');
  }
}
