import { customerReplica } from '@crm/customers/replica';
import { actorFromReplica, identityReplica } from '@crm/identity/replica';
import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { leadModule } from './modules/lead';

export const funnelSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'funnel',
  modules: [identityReplica, customerReplica, leadModule],
  createLoaders,
  currentActor: actorFromReplica,
  seedDemoData,
};
