import { Migration } from '@mikro-orm/migrations';
import { nameInitialsOf } from '../match-text';

/**
 * CUS-1's search: a name substring (trigram-indexed, so 上海 or 贸易 finds 上海信航贸易有限公司), the
 * name's pinyin initials (shxhmy), tags, division and creation time. Existing customers get their
 * initials here.
 */
export class Migration20261126000000CustomerSearch extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table customer add column name_initials text');
    const customers = (await this.execute('select id, name from customer')) as { id: string; name: string }[];
    for (const customer of customers) {
      this.addSql(this.getKnex().raw('update customer set name_initials = ? where id = ?', [nameInitialsOf(customer.name), customer.id]));
    }
    this.addSql('alter table customer alter column name_initials set not null');
    this.addSql('create index customer_name_trgm_idx on customer using gin (name gin_trgm_ops)');
    this.addSql('create index customer_name_initials_trgm_idx on customer using gin (name_initials gin_trgm_ops)');
    this.addSql('create index customer_created_at_idx on customer (created_at)');
  }
}
