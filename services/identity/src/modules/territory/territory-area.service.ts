import { Events } from '@crm/events';
import {
  boundingBox,
  closeRing,
  crossesItself,
  fields,
  overlap,
  parseId,
  parseInput,
  requireActor,
  squareMetres,
  type LngLat,
  type Scope,
} from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { requireOpenOrgUnit } from '../org-unit';
import { TerritoryArea } from './territory-area.entity';
import { InvalidTerritoryAreaException, TerritoryAreaOverlapException } from './territory.exception';
import { territoryPermissions } from './territory.permissions';

/** How many overlapping pairs the report lists (the count is complete). */
const REPORT_SAMPLE = 50;

export const geoPoint = z.object({
  longitude: z.number().min(-180, 'longitude must be between -180 and 180').max(180, 'longitude must be between -180 and 180'),
  latitude: z.number().min(-90, 'latitude must be between -90 and 90').max(90, 'latitude must be between -90 and 90'),
});
const bindAreaInput = z.object({
  orgUnitId: fields.id('orgUnitId'),
  name: fields.text(100),
  boundary: z.array(geoPoint).min(3, 'needs at least 3 corners').max(1000, 'may have at most 1000 corners'),
});

export const toLngLat = (p: z.infer<typeof geoPoint>): LngLat => [p.longitude, p.latitude];

type AreaRow = Record<string, unknown> & { unit_name: string };

function outlineOf(boundary: z.infer<typeof geoPoint>[]): LngLat[] {
  const ring = closeRing(boundary.map(toLngLat));
  if (new Set(ring.map(String)).size < 3) throw new InvalidTerritoryAreaException('needs at least 3 distinct corners');
  if (crossesItself(ring)) throw new InvalidTerritoryAreaException('the outline crosses itself');
  if (squareMetres(ring) <= 0) throw new InvalidTerritoryAreaException('the outline encloses no area');
  return ring;
}

/** What the audit trail keeps of an area: enough to redraw it. */
const areaFields = (area: TerritoryArea) => ({ areaId: area.id, name: area.name, boundary: area.boundary });

/** Areas whose boxes meet `bbox`, of units neither above nor below the unit at `path`. */
async function areasOutsideLine(em: EntityManager, bbox: string, path: string): Promise<AreaRow[]> {
  return (await em.getConnection().execute(
    `select a.*, o.name as unit_name from territory_area a join org_unit o on o.id = a.org_unit_id
      where a.bbox && ?::box and not (o.path @> ?::ltree or o.path <@ ?::ltree)`,
    [bbox, path, path],
  )) as AreaRow[];
}

export async function bindTerritoryArea(scope: Scope, input: unknown): Promise<TerritoryArea> {
  const { em } = scope;
  territoryPermissions.require(requireActor(scope.actor), 'territory_area.bind');
  const data = parseInput(bindAreaInput, input);
  const ring = outlineOf(data.boundary);
  const unit = await requireOpenOrgUnit(em, data.orgUnitId, 'orgUnitId');
  const bbox = boundingBox(ring);
  const clashes = (await areasOutsideLine(em, bbox, unit.path)).filter((row) => overlap(ring, em.map(TerritoryArea, row).boundary));
  if (clashes.length) throw new TerritoryAreaOverlapException(clashes.map((row) => ({ areaName: String(row.name), unitName: row.unit_name })));
  const area = em.create(TerritoryArea, {
    orgUnitId: unit.id,
    name: data.name,
    boundary: ring,
    bbox,
    areaM2: squareMetres(ring),
    boundAt: scope.clock.now(),
  });
  scope.recordEvent({ type: Events.TerritoryAreaDrawn, key: area.id, payload: { areaId: area.id, orgUnitId: unit.id, boundary: ring } });
  scope.audit({ subjectType: 'OrgUnit', subjectId: unit.id, action: 'org_unit.territory_area_drawn', after: areaFields(area) });
  await em.flush();
  return area;
}

export async function unbindTerritoryArea(scope: Scope, id: string): Promise<boolean> {
  const { em } = scope;
  territoryPermissions.require(requireActor(scope.actor), 'territory_area.unbind');
  const area = await em.findOne(TerritoryArea, { id: parseId(id) });
  if (!area) return false;
  em.remove(area);
  scope.recordEvent({ type: Events.TerritoryAreaRemoved, key: area.id, payload: { areaId: area.id } });
  scope.audit({ subjectType: 'OrgUnit', subjectId: area.orgUnitId, action: 'org_unit.territory_area_removed', before: areaFields(area) });
  await em.flush();
  return true;
}

/** For admins: overlapping areas of units outside each other's line, e.g. after a subtree moved. */
export async function territoryAreaOverlaps(scope: Scope) {
  const { em } = scope;
  territoryPermissions.require(requireActor(scope.actor), 'territory_area.overlap_report');
  const pairs = (await em.getConnection().execute(
    `select a.id as a_id, b.id as b_id
       from territory_area a
       join territory_area b on a.id < b.id and a.bbox && b.bbox
       join org_unit oa on oa.id = a.org_unit_id
       join org_unit ob on ob.id = b.org_unit_id
      where not (oa.path @> ob.path or ob.path @> oa.path)`,
  )) as { a_id: string; b_id: string }[];
  const areas = new Map((await em.find(TerritoryArea, { id: { $in: pairs.flatMap((p) => [p.a_id, p.b_id]) } })).map((a) => [a.id, a]));
  const overlaps = pairs
    .map((p) => ({ area: areas.get(p.a_id)!, other: areas.get(p.b_id)! }))
    .filter(({ area, other }) => overlap(area.boundary, other.boundary));
  return { areaCount: await em.count(TerritoryArea), overlaps: overlaps.slice(0, REPORT_SAMPLE), overlapCount: overlaps.length };
}
