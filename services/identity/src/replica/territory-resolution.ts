import type { EntityManager } from '@mikro-orm/core';
import { divisionChain, type Division } from './divisions';
import { contains, type LngLat } from '@crm/platform';

export interface TerritoryLocation {
  division?: Division | null;
  point?: LngLat | null;
}

/**
 * Where a subgraph keeps territories: identity in its own tables, every other subgraph in its
 * directory replica. Both have the same columns, so one lookup serves both.
 */
export interface TerritoryTables {
  bindings: string;
  areas: string;
  units: string;
}

interface AreaCandidate {
  orgUnitId: string;
  boundary: LngLat[];
  areaM2: number;
  depth: number;
}

const rows = async <T>(em: EntityManager, sql: string, params: unknown[]) =>
  (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];

async function areasAround(em: EntityManager, tables: TerritoryTables, at: LngLat): Promise<AreaCandidate[]> {
  // A point as a degenerate box: GiST's box operator class indexes box @> box, not box @> point.
  const found = await rows<{ org_unit_id: string; boundary: LngLat[]; area_m2: number; depth: number }>(
    em,
    `select a.org_unit_id, a.boundary, a.area_m2, nlevel(o.path) as depth
       from ${tables.areas} a join ${tables.units} o on o.id = a.org_unit_id
      where a.bbox @> box(point(?, ?), point(?, ?))`,
    [...at, ...at],
  );
  return found.map((row) => ({ orgUnitId: row.org_unit_id, boundary: row.boundary, areaM2: row.area_m2, depth: row.depth }));
}

async function unitOfDivision(em: EntityManager, tables: TerritoryTables, division: Division): Promise<string | null> {
  const chain = divisionChain(division.code);
  const bound = await rows<{ division_code: string; org_unit_id: string }>(
    em,
    `select division_code, org_unit_id from ${tables.bindings} where division_code in (?)`,
    [chain.map((d) => d.code)],
  );
  const owners = new Map(bound.map((row) => [row.division_code, row.org_unit_id]));
  return chain.map((d) => owners.get(d.code)).find(Boolean) ?? null;
}

/**
 * ORG-3: the id of the one unit that owns a location, or null where nobody does. A drawn area is
 * the company's most deliberate statement, so a point inside one decides — the innermost unit's
 * where areas nest, then the smallest; otherwise the most specific bound division enclosing it.
 */
export async function territoryOwnerOf(em: EntityManager, tables: TerritoryTables, location: TerritoryLocation): Promise<string | null> {
  const { point, division } = location;
  if (point) {
    const [best] = (await areasAround(em, tables, point))
      .filter((area) => contains(area.boundary, point))
      .sort((a, b) => b.depth - a.depth || a.areaM2 - b.areaM2);
    if (best) return best.orgUnitId;
  }
  return division ? unitOfDivision(em, tables, division) : null;
}
