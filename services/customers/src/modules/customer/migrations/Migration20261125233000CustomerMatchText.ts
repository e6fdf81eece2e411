import { Migration } from '@mikro-orm/migrations';
import { matchTextOf } from '../match-text';

/**
 * CUS-3: the text fuzzy duplicate detection compares (a company's name without places and legal
 * forms, an address without its province/city/district), trigram-indexed so a check among a
 * million customers reads a handful of rows. Existing customers get theirs here.
 */
export class Migration20261125233000CustomerMatchText extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists pg_trgm');
    this.addSql('alter table customer add column match_name text, add column match_address text');
    const customers = (await this.execute('select id, name, kind, address from customer')) as { id: string; name: string; kind: string; address: string | null }[];
    for (const customer of customers) {
      const { matchName, matchAddress } = matchTextOf(customer);
      this.addSql(this.getKnex().raw('update customer set match_name = ?, match_address = ? where id = ?', [matchName, matchAddress, customer.id]));
    }
    this.addSql('alter table customer alter column match_name set not null');
    this.addSql('create index customer_match_name_trgm_idx on customer using gin (match_name gin_trgm_ops)');
    this.addSql('create index customer_match_address_trgm_idx on customer using gin (match_address gin_trgm_ops)');
  }
}
