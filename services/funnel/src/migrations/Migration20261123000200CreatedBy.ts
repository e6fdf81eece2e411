import { Migration } from '@mikro-orm/migrations';

/** ORG-6: a lead keeps who entered it (an assistant, say) as well as its owner. */
export class Migration20261123000200CreatedBy extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table lead add column created_by_id uuid null');
    this.addSql('update lead set created_by_id = owner_id');
    this.addSql('alter table lead alter column created_by_id set not null');
  }
}
