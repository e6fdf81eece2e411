import { Events } from '@crm/events';
import { parseInput, requireActor, type Scope } from '@crm/platform';
import { divisionChain, findDivision, leafDivisionsUnder, territoryOwnerOf, type Division, type TerritoryTables } from '../../replica';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { OrgUnit, requireOpenOrgUnit, requireOrgUnit } from '../org-unit';
import { geoPoint, toLngLat } from './territory-area.service';
import { TerritoryBinding } from './territory-binding.entity';
import { TerritoryTakenException, UnknownDivisionException } from './territory.exception';
import { territoryPermissions } from './territory.permissions';

/** How many uncovered divisions and overlaps a coverage report lists (the counts are complete). */
const REPORT_SAMPLE = 50;

const divisionCode = z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code');
const bindInput = z.object({ orgUnitId: z.uuid({ error: 'must be a valid orgUnitId (a UUID)' }), divisionCode });

function requireDivision(code: string): Division {
  const division = findDivision(parseInput(divisionCode, code));
  if (!division) throw new UnknownDivisionException(code);
  return division;
}

export async function bindTerritory(scope: Scope, input: unknown) {
  const { em } = scope;
  territoryPermissions.require(requireActor(scope.actor), 'territory.bind');
  const data = parseInput(bindInput, input);
  const division = requireDivision(data.divisionCode);
  const unit = await requireOpenOrgUnit(em, data.orgUnitId, 'orgUnitId');
  const existing = await em.findOne(TerritoryBinding, { divisionCode: division.code });
  if (existing && existing.orgUnitId !== unit.id) {
    throw new TerritoryTakenException(division.name, (await requireOrgUnit(em, existing.orgUnitId)).name);
  }
  if (!existing) {
    em.create(TerritoryBinding, { divisionCode: division.code, orgUnitId: unit.id, boundAt: scope.clock.now() });
    scope.recordEvent({ type: Events.TerritoryBound, key: division.code, payload: { divisionCode: division.code, orgUnitId: unit.id } });
    scope.audit({ subjectType: 'OrgUnit', subjectId: unit.id, action: 'org_unit.territory_bound', after: { divisionCode: division.code } });
  }
  await em.flush();
  return { division, orgUnit: unit };
}

export async function unbindTerritory(scope: Scope, code: string): Promise<boolean> {
  const { em } = scope;
  territoryPermissions.require(requireActor(scope.actor), 'territory.unbind');
  const binding = await em.findOne(TerritoryBinding, { divisionCode: requireDivision(code).code });
  if (!binding) return false;
  em.remove(binding);
  scope.recordEvent({ type: Events.TerritoryUnbound, key: binding.divisionCode, payload: { divisionCode: binding.divisionCode } });
  scope.audit({ subjectType: 'OrgUnit', subjectId: binding.orgUnitId, action: 'org_unit.territory_unbound', before: { divisionCode: binding.divisionCode } });
  await em.flush();
  return true;
}

/** Division bindings and geo areas held by the unit at `path` or any unit under it. */
export async function territoriesHeldUnder(em: EntityManager, path: string): Promise<number> {
  const [row] = (await em.getConnection().execute(
    `select (select count(*) from territory_binding b join org_unit o on o.id = b.org_unit_id where o.path <@ ?::ltree)
          + (select count(*) from territory_area a join org_unit o on o.id = a.org_unit_id where o.path <@ ?::ltree) as n`,
    [path, path],
  )) as { n: string }[];
  return Number(row!.n);
}

/** Other subgraphs read the same columns from their directory replica. */
const identityTerritories: TerritoryTables = { bindings: 'territory_binding', areas: 'territory_area', units: 'org_unit' };

const locationInput = z
  .object({ divisionCode: z.string().nullish(), point: geoPoint.nullish() })
  .refine((l) => l.divisionCode || l.point, { message: 'give a divisionCode, a point, or both', path: ['divisionCode'] });

/** The one unit that owns a location, by the rule every subgraph applies (see `territoryOwnerOf`). */
export async function resolveTerritory(em: EntityManager, location: unknown): Promise<OrgUnit | null> {
  const data = parseInput(locationInput, location);
  const division = data.divisionCode ? requireDivision(data.divisionCode) : null;
  const ownerId = await territoryOwnerOf(em, identityTerritories, { division, point: data.point ? toLngLat(data.point) : null });
  return ownerId ? em.findOne(OrgUnit, { id: ownerId }) : null;
}

/**
 * For admins: which districts under a division nobody owns, and which bindings overlap across the
 * org tree (a division bound to a unit outside the unit that owns the enclosing division).
 */
export async function territoryCoverage(scope: Scope, code: string) {
  const { em } = scope;
  territoryPermissions.require(requireActor(scope.actor), 'territory.coverage_report');
  const root = requireDivision(code);
  const leaves = leafDivisionsUnder(root.code);
  const bindings = new Map((await em.find(TerritoryBinding, {})).map((b) => [b.divisionCode, b]));
  const units = new Map((await em.find(OrgUnit, { id: { $in: [...new Set([...bindings.values()].map((b) => b.orgUnitId))] } })).map((u) => [u.id, u]));
  const uncovered = leaves.filter((leaf) => !divisionChain(leaf.code).some((d) => bindings.has(d.code)));
  const overlaps = [...bindings.values()].flatMap((binding) => {
    const chain = divisionChain(binding.divisionCode);
    if (!chain.some((d) => d.code === root.code)) return [];
    const enclosing = chain.slice(1).find((d) => bindings.has(d.code));
    if (!enclosing) return [];
    const unit = units.get(binding.orgUnitId)!;
    const enclosingUnit = units.get(bindings.get(enclosing.code)!.orgUnitId)!;
    const nested = unit.path === enclosingUnit.path || unit.path.startsWith(`${enclosingUnit.path}.`);
    return nested ? [] : [{ division: chain[0]!, orgUnit: unit, enclosing, enclosingOrgUnit: enclosingUnit }];
  });
  return {
    division: root,
    districts: leaves.length,
    covered: leaves.length - uncovered.length,
    uncoveredSample: uncovered.slice(0, REPORT_SAMPLE),
    overlaps: overlaps.slice(0, REPORT_SAMPLE),
    overlapCount: overlaps.length,
  };
}
