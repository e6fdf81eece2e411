import { actorFromReplica, identityReplica } from '@crm/identity/replica';
import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { contactModule } from './modules/contact';
import { customerModule } from './modules/customer';
import { customerGroupModule } from './modules/customer-group';
import { customerImportModule } from './modules/customer-import';
import { customFieldModule } from './modules/custom-field';
import { dataQualityModule } from './modules/data-quality';
import { duplicateReviewModule } from './modules/duplicate-review';
import { timelineModule } from './modules/timeline';

export const customersSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'customers',
  modules: [identityReplica, customerModule, contactModule, customerGroupModule, duplicateReviewModule, timelineModule, customFieldModule, dataQualityModule, customerImportModule],
  createLoaders,
  currentActor: actorFromReplica,
  seedDemoData,
};
