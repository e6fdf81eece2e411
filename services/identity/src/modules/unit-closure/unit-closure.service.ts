import { fields, parseInput, requireActor, type Scope } from '@crm/platform';
import { requireOrgUnit, type OrgUnit } from '../org-unit';
import { blockersOf, isFree } from './unit-blockers';
import { OrgUnitInUseException } from './unit-closure.exception';
import { unitClosurePermissions } from './unit-closure.permissions';

/** Closes a unit nothing hangs on any more; otherwise refuses, saying what still does. */
export async function closeOrgUnit(scope: Scope, id: string): Promise<OrgUnit> {
  const { em } = scope;
  unitClosurePermissions.require(requireActor(scope.actor), 'org_unit.close');
  const unit = await requireOrgUnit(em, parseInput(fields.id('id'), id), 'id');
  if (unit.closedAt) return unit;
  const blockers = await blockersOf(em, unit);
  if (!isFree(blockers)) throw new OrgUnitInUseException(unit.name, blockers);
  unit.closedAt = scope.clock.now();
  scope.audit({ subjectType: 'OrgUnit', subjectId: unit.id, action: 'org_unit.closed', before: { closedAt: null }, after: { closedAt: unit.closedAt } });
  await em.flush();
  return unit;
}
