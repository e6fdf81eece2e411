import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { CustomerSchema, customerHandoverConsumer } from './modules/customer';

export const customersSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'customers',
  resolvers,
  entities: [CustomerSchema],
  migrations,
  createLoaders,
  usesDirectory: true,
  consumers: [customerHandoverConsumer],
  seedDemoData,
};
