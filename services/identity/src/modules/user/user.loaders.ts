import { PageLoader, entityLoader } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { User } from './user.entity';

export function createUserLoaders(em: EntityManager) {
  return {
    user: entityLoader(em, User),
    orgUnitMembers: new PageLoader(em, User, 'org_unit_id'),
  };
}
