import { DirectoryUserSchema, directoryConsumer, isActiveInDirectory, type SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { CustomerSchema, customerHandoverConsumer } from './modules/customer';

export const customersSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'customers',
  resolvers,
  entities: [CustomerSchema, DirectoryUserSchema],
  migrations,
  createLoaders,
  isActive: isActiveInDirectory,
  consumers: [directoryConsumer, customerHandoverConsumer],
  seedDemoData,
};
