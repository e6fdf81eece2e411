import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { ComplaintSchema, complaintHandoverConsumer } from './modules/complaint';
import { CustomerOwnerSchema, customerOwnerConsumer } from './modules/customer-owner';

export const serviceSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'service',
  resolvers,
  entities: [ComplaintSchema, CustomerOwnerSchema],
  migrations,
  createLoaders,
  usesDirectory: true,
  consumers: [customerOwnerConsumer, complaintHandoverConsumer],
  seedDemoData,
};
