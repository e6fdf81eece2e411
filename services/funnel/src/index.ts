import { customerReplica } from '@crm/customers/replica';
import { actorFromReplica, identityReplica } from '@crm/identity/replica';
import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { leadModule } from './modules/lead';
import { leadImportModule } from './modules/lead-import';
import { opportunityModule } from './modules/opportunity';
import { pipelineModule } from './modules/pipeline';

export const funnelSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'funnel',
  modules: [identityReplica, customerReplica, leadModule, leadImportModule, pipelineModule, opportunityModule],
  createLoaders,
  currentActor: actorFromReplica,
  seedDemoData,
};
