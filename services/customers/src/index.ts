import { actorFromReplica, identityReplica } from '@crm/identity/replica';
import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { customerModule } from './modules/customer';

export const customersSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'customers',
  modules: [identityReplica, customerModule],
  createLoaders,
  currentActor: actorFromReplica,
  seedDemoData,
};
