import type { Actor, SubgraphContext } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { createContactLoaders } from './modules/contact';
import { createCustomerLoaders } from './modules/customer';
import { createCustomerGroupLoaders } from './modules/customer-group';
import { createCustomFieldLoaders } from './modules/custom-field';
import { createDataQualityLoaders } from './modules/data-quality';
import { createTimelineLoaders } from './modules/timeline';

/** Fresh per request, so batching and caching never leak between requests. */
export function createLoaders(em: EntityManager, actor: Actor | null) {
  return { ...createCustomerLoaders(em, actor), ...createCustomerGroupLoaders(em, actor), ...createTimelineLoaders(em, actor), ...createContactLoaders(em, actor), ...createCustomFieldLoaders(em, actor), ...createDataQualityLoaders(em, actor) };
}

export type Context = SubgraphContext<ReturnType<typeof createLoaders>>;
