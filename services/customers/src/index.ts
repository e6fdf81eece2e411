import { actorFromReplica, identityReplica } from '@crm/identity/replica';
import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { contactModule } from './modules/contact';
import { customerModule } from './modules/customer';
import { customerGroupModule } from './modules/customer-group';
import { customFieldModule } from './modules/custom-field';
import { duplicateReviewModule } from './modules/duplicate-review';
import { timelineModule } from './modules/timeline';

export const customersSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'customers',
  modules: [identityReplica, customerModule, contactModule, customerGroupModule, duplicateReviewModule, timelineModule, customFieldModule],
  createLoaders,
  currentActor: actorFromReplica,
  seedDemoData,
};
