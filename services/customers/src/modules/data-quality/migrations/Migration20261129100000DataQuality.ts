import { Migration } from '@mikro-orm/migrations';
import { DEFAULT_KEY_FIELDS } from '../key-fields';

/**
 * CUS-7: the key field configuration per customer kind (seeded with the defaults, version 1 and
 * nothing rescored yet, so the first rescore measures every existing customer), each customer's
 * completeness score, and the days whose figures were published.
 *
 * Contacts and custom values change without an event, so triggers queue the customer in
 * customer_completeness_pending, in the same transaction as the change; the rescore job drains it.
 * interaction gets an index by who logged it and when: timeliness reads a rep's interactions of a period.
 */
export class Migration20261129100000DataQuality extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table data_quality_config (
      kind text primary key check (kind in ('COMPANY', 'INDIVIDUAL')),
      key_fields jsonb not null,
      version integer not null check (version >= 1),
      rescored_version integer not null,
      updated_at timestamptz null,
      updated_by_id uuid null)`);
    for (const [kind, keyFields] of Object.entries(DEFAULT_KEY_FIELDS)) {
      this.addSql(`insert into data_quality_config (kind, key_fields, version, rescored_version) values ('${kind}', '${JSON.stringify(keyFields)}', 1, 0)`);
    }

    this.addSql(`create table customer_completeness (
      customer_id uuid primary key references customer (id) on delete cascade,
      score numeric(4, 1) not null check (score between 0 and 100),
      missing text[] not null,
      config_version integer not null,
      measured_at timestamptz not null)`);

    this.addSql('create table customer_completeness_pending (customer_id uuid primary key)');
    this.addSql(`create function customer_completeness_touch() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then insert into customer_completeness_pending values (old.customer_id) on conflict do nothing; end if;
        if tg_op <> 'DELETE' then insert into customer_completeness_pending values (new.customer_id) on conflict do nothing; end if;
        return null;
      end $$`);
    this.addSql('create trigger contact_completeness_touch after insert or update or delete on contact for each row execute function customer_completeness_touch()');
    this.addSql('create trigger customer_custom_value_completeness_touch after insert or update or delete on customer_custom_value for each row execute function customer_completeness_touch()');

    this.addSql('create index interaction_logged_by_occurred_idx on interaction (logged_by_id, occurred_at)');

    this.addSql('create table rep_data_quality_publication (day date primary key, published_at timestamptz not null)');
  }
}
