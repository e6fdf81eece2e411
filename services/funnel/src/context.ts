import type { Actor, SubgraphContext } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { createLeadLoaders } from './modules/lead';
import { createOpportunityLoaders } from './modules/opportunity';
import { createPipelineLoaders } from './modules/pipeline';

/** Fresh per request, so batching and caching never leak between requests. */
export function createLoaders(em: EntityManager, actor: Actor | null) {
  return { ...createLeadLoaders(em, actor), ...createPipelineLoaders(em), ...createOpportunityLoaders(em, actor) };
}

export type Context = SubgraphContext<ReturnType<typeof createLoaders>>;
