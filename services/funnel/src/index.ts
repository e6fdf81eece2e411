import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { LeadSchema, leadHandoverConsumer } from './modules/lead';

export const funnelSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'funnel',
  resolvers,
  entities: [LeadSchema],
  migrations,
  createLoaders,
  usesDirectory: true,
  consumers: [leadHandoverConsumer],
  seedDemoData,
};
