import type { Actor, SubgraphContext } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { createAssignmentLoaders } from './modules/assignment';
import { createCollusionLoaders } from './modules/collusion';
import { createLeadLoaders } from './modules/lead';
import { createOpportunityLoaders } from './modules/opportunity';
import { createOrderLoaders } from './modules/order';
import { createPaymentLoaders } from './modules/payment';
import { createPipelineLoaders } from './modules/pipeline';
import { createPoolLoaders } from './modules/pool';
import { createProductLoaders } from './modules/product';
import { createQuoteLoaders } from './modules/quote';
import { createRiskReviewLoaders } from './modules/risk-review';
import { createScoringLoaders } from './modules/scoring';

/** Fresh per request, so batching and caching never leak between requests. */
export function createLoaders(em: EntityManager, actor: Actor | null) {
  return { ...createLeadLoaders(em, actor), ...createPipelineLoaders(em), ...createOpportunityLoaders(em, actor), ...createRiskReviewLoaders(em, actor), ...createCollusionLoaders(em, actor), ...createAssignmentLoaders(em), ...createScoringLoaders(em), ...createPoolLoaders(em), ...createProductLoaders(em), ...createOrderLoaders(em, actor), ...createQuoteLoaders(em, actor), ...createPaymentLoaders(em, actor) };
}

export type Context = SubgraphContext<ReturnType<typeof createLoaders>>;
