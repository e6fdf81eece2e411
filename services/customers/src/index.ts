import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { migrations } from './migrations';
import { CustomerSchema, customerResolvers } from './modules/customer';
import { DirectoryUserSchema, ownerDirectoryConsumer } from './modules/owner-directory';

export const customersSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'customers',
  resolvers: customerResolvers,
  entities: [CustomerSchema, DirectoryUserSchema],
  migrations,
  createLoaders,
  consumers: [ownerDirectoryConsumer],
};

export { seedCustomersDemoData } from './demo/seed-demo-data';
