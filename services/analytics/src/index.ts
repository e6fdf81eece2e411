import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { OwnerCustomerCountSchema, customerCountConsumer } from './modules/customer-count';

/** analytics has no demo seed of its own: its figures are derived from the other subgraphs' events. */
export const analyticsSubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'analytics',
  resolvers,
  entities: [OwnerCustomerCountSchema],
  migrations,
  createLoaders,
  usesDirectory: true,
  consumers: [customerCountConsumer],
};
