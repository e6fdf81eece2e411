import type { SubgraphContext } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { createOrgUnitLoaders } from './modules/org-unit';
import { createSalesTeamLoaders } from './modules/sales-team';
import { createUserLoaders } from './modules/user';

/** Fresh per request, so batching and caching never leak between requests. */
export function createLoaders(em: EntityManager) {
  return { ...createOrgUnitLoaders(em), ...createSalesTeamLoaders(em), ...createUserLoaders(em) };
}

export type Context = SubgraphContext<ReturnType<typeof createLoaders>>;
