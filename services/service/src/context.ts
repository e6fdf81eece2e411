import type { SubgraphContext } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { createComplaintLoaders } from './modules/complaint';

/** Fresh per request, so batching and caching never leak between requests. */
export function createLoaders(em: EntityManager) {
  return { ...createComplaintLoaders(em) };
}

export type Context = SubgraphContext<ReturnType<typeof createLoaders>>;
