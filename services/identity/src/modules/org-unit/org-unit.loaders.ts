import { PageLoader, entityLoader } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { OrgUnit } from './org-unit.entity';

export function createOrgUnitLoaders(em: EntityManager) {
  return {
    orgUnit: entityLoader(em, OrgUnit),
    orgUnitChildren: new PageLoader(em, OrgUnit, 'parent_id'),
  };
}
