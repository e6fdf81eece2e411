import { customerGroupReplica, customerReplica } from '@crm/customers/replica';
import { actorFromReplica, identityReplica } from '@crm/identity/replica';
import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { assignmentModule } from './modules/assignment';
import { collusionModule } from './modules/collusion';
import { leadModule } from './modules/lead';
import { leadImportModule } from './modules/lead-import';
import { opportunityModule } from './modules/opportunity';
import { orderModule } from './modules/order';
import { paymentModule } from './modules/payment';
import { poolModule } from './modules/pool';
import { productModule } from './modules/product';
import { quoteModule } from './modules/quote';
import { pipelineModule } from './modules/pipeline';
import { riskReviewModule } from './modules/risk-review';
import { scoringModule } from './modules/scoring';

export const funnelSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'funnel',
  modules: [identityReplica, customerReplica, customerGroupReplica, leadModule, leadImportModule, pipelineModule, opportunityModule, poolModule, assignmentModule, riskReviewModule, collusionModule, scoringModule, productModule, orderModule, quoteModule, paymentModule],
  createLoaders,
  currentActor: actorFromReplica,
  seedDemoData,
};
