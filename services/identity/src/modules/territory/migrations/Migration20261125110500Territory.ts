import { Migration } from '@mikro-orm/migrations';

/** Division bindings and geo areas of org units, ORG-3 (baseline of the former migrations 0600 and 1000). */
export class Migration20261125110500Territory extends Migration {
  override async up(): Promise<void> {
    // One owner per division; a more specific division may be bound to another unit.
    this.addSql(`create table territory_binding (
      division_code text primary key check (division_code ~ '^[0-9]{6}$'),
      org_unit_id uuid not null references org_unit (id) deferrable initially deferred,
      bound_at timestamptz not null default now())`);
    this.addSql('create index territory_binding_org_unit_id_idx on territory_binding (org_unit_id)');
    // No PostGIS here: the GiST index on the bounding box finds candidates, the exact test runs in code.
    this.addSql(`create table territory_area (
      id uuid primary key,
      org_unit_id uuid not null references org_unit (id) deferrable initially deferred,
      name text not null,
      boundary jsonb not null,
      bbox box not null,
      area_m2 double precision not null check (area_m2 > 0),
      bound_at timestamptz not null default now())`);
    this.addSql('create index territory_area_bbox_idx on territory_area using gist (bbox)');
    this.addSql('create index territory_area_org_unit_id_idx on territory_area (org_unit_id)');
  }
}
