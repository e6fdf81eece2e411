import { Migration } from '@mikro-orm/migrations';

/**
 * CUS-4: customer groups (HQ → subsidiary → branch, any depth), order defaults within a group, and
 * credit limits per customer and per group.
 */
export class Migration20261126120000CustomerGroup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table customer_link (
      customer_id uuid primary key references customer (id) on delete cascade,
      parent_id uuid null references customer (id),
      ancestor_ids uuid[] not null default '{}',
      group_id uuid not null references customer (id),
      constraint customer_link_not_own_parent check (parent_id is distinct from customer_id),
      constraint customer_link_top_has_no_ancestors check ((parent_id is null) = (cardinality(ancestor_ids) = 0)),
      constraint customer_link_group_is_top check (group_id = coalesce(ancestor_ids[1], customer_id)))`);
    // Customer.children pages through this; descendants and group members through the next two.
    this.addSql('create index customer_link_parent_id_idx on customer_link (parent_id, customer_id desc) where parent_id is not null');
    this.addSql('create index customer_link_ancestor_ids_idx on customer_link using gin (ancestor_ids)');
    this.addSql('create index customer_link_group_id_idx on customer_link (group_id)');

    this.addSql(`create table customer_order_defaults (
      customer_id uuid primary key references customer (id) on delete cascade,
      ordering_party_id uuid not null references customer (id),
      ship_to_id uuid not null references customer (id),
      bill_to_id uuid not null references customer (id))`);

    this.addSql(`create table customer_credit_limit (
      customer_id uuid not null references customer (id) on delete cascade,
      scope text not null check (scope in ('CUSTOMER', 'GROUP')),
      amount numeric(18,2) not null check (amount >= 0),
      primary key (customer_id, scope))`);
  }
}
