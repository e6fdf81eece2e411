import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { leadModule } from './modules/lead';

export const funnelSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'funnel',
  modules: [leadModule],
  createLoaders,
  usesDirectory: true,
  seedDemoData,
};
