import { actorFromReplica, identityReplica } from '@crm/identity/replica';
import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { customerCountModule } from './modules/customer-count';
import { dataQualityModule } from './modules/data-quality';
import { newCustomerCreditModule } from './modules/new-customer-credit';

/** analytics has no demo seed of its own: its figures are derived from the other subgraphs' events. */
export const analyticsSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'analytics',
  modules: [identityReplica, customerCountModule, dataQualityModule, newCustomerCreditModule],
  createLoaders,
  currentActor: actorFromReplica,
};
