import type { SubgraphContext } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { createCustomerLoaders } from './modules/customer';

/** Fresh per request, so batching and caching never leak between requests. */
export function createLoaders(em: EntityManager) {
  return { ...createCustomerLoaders(em) };
}

export type Context = SubgraphContext<ReturnType<typeof createLoaders>>;
