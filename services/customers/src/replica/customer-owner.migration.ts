import { Migration } from '@mikro-orm/migrations';

/**
 * The replica of who owns and shares each customer. Name and class are those service's own
 * replica had, so a database that already ran it does not run it again.
 */
export class Migration20261125400000CustomerReplica extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table customer_owner (
      customer_id uuid primary key,
      owner_id uuid not null,
      secondary_owner_id uuid null,
      sales_team_id uuid null)`);
    this.addSql('create index customer_owner_owner_id_idx on customer_owner (owner_id)');
    this.addSql('create index customer_owner_secondary_owner_id_idx on customer_owner (secondary_owner_id) where secondary_owner_id is not null');
    this.addSql('create index customer_owner_sales_team_id_idx on customer_owner (sales_team_id) where sales_team_id is not null');
  }
}

/** Where each customer is (customer.created 1.1), for territory checks such as FUN-4's claims. */
export class Migration20261203200000CustomerReplicaDivision extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table customer_owner add column division_code char(6) null');
  }
}

/** Oldest first; a new migration is appended, never edited in. */
export const customerReplicaMigrations = [
  { name: 'Migration20261125400000CustomerReplica', class: Migration20261125400000CustomerReplica },
  { name: 'Migration20261203200000CustomerReplicaDivision', class: Migration20261203200000CustomerReplicaDivision },
];
