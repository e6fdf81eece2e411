import { Migration } from '@mikro-orm/migrations';

/** The projection of how many customers each person owns. */
export class Migration20261125500000CustomerCount extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table owner_customer_count (
      owner_id uuid primary key,
      customer_count integer not null)`);
  }
}
