import { actorFromReplica, identityReplica } from '@crm/identity/replica';
import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { customerCountModule } from './modules/customer-count';
import { dataQualityModule } from './modules/data-quality';

/** analytics has no demo seed of its own: its figures are derived from the other subgraphs' events. */
export const analyticsSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'analytics',
  modules: [identityReplica, customerCountModule, dataQualityModule],
  createLoaders,
  currentActor: actorFromReplica,
};
