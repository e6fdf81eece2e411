import { defineModule } from '@crm/platform';
import { customerGroupConsumer } from './customer-group.consumer';
import { customerGroupReplicaMigrations } from './customer-group.migration';
import { customerGroupReplicaEntities } from './customer-group.replica';

/**
 * customers' replica of its customer groups (CUS-4), for a subgraph that takes orders to list
 * among its modules: where each customer sits in its group, the parties its orders default to and
 * the credit limits per customer and per group, with the consumer that keeps them from customers'
 * events. With it orders default their parties and check credit (`orderPartiesOf`,
 * `creditLimitsOf`, `groupMembersOf`) locally, never by calling customers. Apart from
 * `customerReplica` so a subgraph that only refers to customers (service) keeps no group tables
 * and applies no group events.
 */
export const customerGroupReplica = defineModule({
  name: 'customer-group-replica',
  replicaOf: 'customers',
  entities: customerGroupReplicaEntities,
  migrations: customerGroupReplicaMigrations,
  consumers: [customerGroupConsumer],
});
