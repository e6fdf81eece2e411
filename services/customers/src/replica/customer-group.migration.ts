import { Migration } from '@mikro-orm/migrations';

/** The replica of customers' groups: hierarchy, order parties and credit limits (CUS-4), for orders. */
export class Migration20261208110000CustomerGroupReplica extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table customer_hierarchy_replica (
      customer_id uuid primary key,
      parent_id uuid null,
      ancestor_ids uuid[] not null,
      group_id uuid not null)`);
    this.addSql('create index customer_hierarchy_replica_group_id_idx on customer_hierarchy_replica (group_id)');
    this.addSql(`create table customer_order_parties_replica (
      customer_id uuid primary key,
      ordering_party_id uuid not null,
      ship_to_id uuid not null,
      bill_to_id uuid not null)`);
    this.addSql(`create table customer_credit_limit_replica (
      customer_id uuid not null,
      scope text not null,
      amount numeric(18,2) not null,
      primary key (customer_id, scope))`);
  }
}

/** Oldest first; a new migration is appended, never edited in. */
export const customerGroupReplicaMigrations = [{ name: 'Migration20261208110000CustomerGroupReplica', class: Migration20261208110000CustomerGroupReplica }];
