import { Migration } from '@mikro-orm/migrations';

export class Migration20261123001000TerritoryAreas extends Migration {
  override async up(): Promise<void> {
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
