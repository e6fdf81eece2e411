import { entityLoader } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { SalesTeam } from './sales-team.entity';

export function createSalesTeamLoaders(em: EntityManager) {
  return { salesTeam: entityLoader(em, SalesTeam) };
}
