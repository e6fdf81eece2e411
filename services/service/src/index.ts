import { customerReplica } from '@crm/customers/replica';
import { actorFromReplica, identityReplica } from '@crm/identity/replica';
import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { complaintModule } from './modules/complaint';

export const serviceSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'service',
  modules: [identityReplica, customerReplica, complaintModule],
  createLoaders,
  currentActor: actorFromReplica,
  seedDemoData,
};
