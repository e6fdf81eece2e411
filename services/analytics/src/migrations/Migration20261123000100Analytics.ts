import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000100Analytics extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table owner_customer_count (
      owner_id uuid primary key,
      customer_count integer not null)`);
  }
}
