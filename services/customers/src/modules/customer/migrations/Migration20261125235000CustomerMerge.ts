import { Migration } from '@mikro-orm/migrations';

/** CUS-3: a merged customer stays as a pointer to its survivor, so references made before the merge still resolve. */
export class Migration20261125235000CustomerMerge extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table customer add column merged_into_id uuid references customer (id)');
    this.addSql('create index customer_merged_into_idx on customer (merged_into_id) where merged_into_id is not null');
  }
}
