import { DirectoryUserSchema, directoryConsumer, type SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { CustomerSchema } from './modules/customer';

export const customersSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'customers',
  resolvers,
  entities: [CustomerSchema, DirectoryUserSchema],
  migrations,
  createLoaders,
  consumers: [directoryConsumer],
  seedDemoData,
};
