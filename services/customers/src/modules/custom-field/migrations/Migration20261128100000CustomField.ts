import { Migration } from '@mikro-orm/migrations';

/**
 * CUS-1: admin-defined custom fields and each customer's values.
 *
 * One row per (customer, field), with one typed column per kind of value, so filters compare values
 * as what they are (exact numeric, real dates, text, option arrays) and every filter or count on a
 * field is an index scan of that field's slice:
 * - the primary key (customer_id, field_key) serves Customer.customFields for a batch of customers;
 * - (field_key, text_value), (field_key, number_value) and (field_key, date_value), partial on the
 *   column being set, serve `equals`/`anyOf` and the per-value counts of text, number and date fields;
 * - a GIN index on (field_key, choices) (btree_gin for the key) serves `choices @> …` / `choices && …`
 *   of choice fields; counts of a choice field read that field's rows through it.
 */
export class Migration20261128100000CustomField extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table custom_field_definition (
      key text primary key check (key ~ '^[a-z][a-z0-9_]{1,39}$'),
      label text not null check (char_length(label) between 1 and 40),
      type text not null check (type in ('TEXT', 'NUMBER', 'DATE', 'SINGLE_CHOICE', 'MULTI_CHOICE')),
      required boolean not null default false,
      applies_to text[] not null check (cardinality(applies_to) >= 1 and applies_to <@ array['COMPANY', 'INDIVIDUAL']),
      options text[] not null default '{}' check (cardinality(options) <= 100),
      created_at timestamptz not null,
      retired_at timestamptz null,
      -- The order fields are shown in: the order they were defined.
      position bigint generated always as identity,
      check ((type in ('SINGLE_CHOICE', 'MULTI_CHOICE')) = (cardinality(options) >= 1)))`);
    this.addSql('create index custom_field_definition_active_idx on custom_field_definition (position) where retired_at is null');

    this.addSql('create extension if not exists btree_gin');
    this.addSql(`create table customer_custom_value (
      customer_id uuid not null references customer (id) on delete cascade,
      field_key text not null references custom_field_definition (key),
      text_value text null check (char_length(text_value) between 1 and 1000),
      number_value numeric null,
      date_value date null,
      choices text[] null check (cardinality(choices) >= 1),
      primary key (customer_id, field_key),
      check (num_nonnulls(text_value, number_value, date_value, choices) = 1))`);
    this.addSql('create index customer_custom_value_text_idx on customer_custom_value (field_key, text_value) where text_value is not null');
    this.addSql('create index customer_custom_value_number_idx on customer_custom_value (field_key, number_value) where number_value is not null');
    this.addSql('create index customer_custom_value_date_idx on customer_custom_value (field_key, date_value) where date_value is not null');
    this.addSql('create index customer_custom_value_choices_idx on customer_custom_value using gin (field_key, choices) where choices is not null');
  }
}
