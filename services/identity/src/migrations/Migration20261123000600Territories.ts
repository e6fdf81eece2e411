import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000600Territories extends Migration {
  override async up(): Promise<void> {
    // One owner per division; a more specific division may be bound to another unit.
    this.addSql(`create table territory_binding (
      division_code text primary key check (division_code ~ '^[0-9]{6}$'),
      org_unit_id uuid not null references org_unit (id) deferrable initially deferred,
      bound_at timestamptz not null default now())`);
    this.addSql('create index territory_binding_org_unit_id_idx on territory_binding (org_unit_id)');
  }
}
