import { actorFromReplica, identityReplica } from '@crm/identity/replica';
import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { complaintModule } from './modules/complaint';
import { customerReplicaModule } from './modules/customer-replica';

export const serviceSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'service',
  modules: [identityReplica, customerReplicaModule, complaintModule],
  createLoaders,
  currentActor: actorFromReplica,
  seedDemoData,
};
