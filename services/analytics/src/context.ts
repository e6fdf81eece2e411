import type { Actor, SubgraphContext } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { createCustomerCountLoaders } from './modules/customer-count';

/** Fresh per request, so batching and caching never leak between requests. */
export function createLoaders(em: EntityManager, actor: Actor | null) {
  return { ...createCustomerCountLoaders(em, actor) };
}

export type Context = SubgraphContext<ReturnType<typeof createLoaders>>;
