import type { EntityManager } from '@mikro-orm/core';
import { OrgUnit } from './org-unit.entity';
import { UnknownOrgUnitException } from './org-unit.exception';

export async function requireOrgUnit(em: EntityManager, id: string): Promise<OrgUnit> {
  const unit = await em.findOne(OrgUnit, { id });
  if (!unit) throw new UnknownOrgUnitException(id);
  return unit;
}
