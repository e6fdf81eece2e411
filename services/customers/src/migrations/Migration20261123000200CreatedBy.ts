import { Migration } from '@mikro-orm/migrations';

/** Who entered a customer, beside whose it is: an assistant may enter data for a rep (ORG-6). */
export class Migration20261123000200CreatedBy extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table customer add column created_by_id uuid null');
    this.addSql('update customer set created_by_id = owner_id');
    this.addSql('alter table customer alter column created_by_id set not null');
  }
}
