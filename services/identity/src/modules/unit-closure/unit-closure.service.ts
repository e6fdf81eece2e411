import { fields, parseInput, requireRole, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { requireOrgUnit, type OrgUnit } from '../org-unit';
import { blockersOf, isFree } from './unit-blockers';
import { OrgUnitInUseException } from './unit-closure.exception';

/** Closes a unit nothing hangs on any more; otherwise refuses, saying what still does. */
export async function closeOrgUnit(em: EntityManager, actor: Actor, id: string): Promise<OrgUnit> {
  requireRole(actor, 'ADMIN');
  const unit = await requireOrgUnit(em, parseInput(fields.id('id'), id), 'id');
  if (unit.closedAt) return unit;
  const blockers = await blockersOf(em, unit);
  if (!isFree(blockers)) throw new OrgUnitInUseException(unit.name, blockers);
  unit.closedAt = new Date();
  await em.flush();
  return unit;
}
