import { defineModule } from '@crm/platform';
import { customerOwnerConsumer } from './customer-owner.consumer';
import { customerReplicaMigrations } from './customer-owner.migration';
import { CustomerOwnerReplicaSchema } from './customer-owner.replica';

/**
 * customers' replica, for every other subgraph that refers to customers to list among its modules:
 * the `customer_owner` table (who owns and shares each customer) in the subgraph's own database,
 * its migration, and the consumer that keeps it from customers' events. With it a subgraph checks
 * a customerId against what the actor may see, and routes a customer's work (ORG-2, ORG-4, ORG-5),
 * locally — never by calling customers. It needs `identityReplica` listed too.
 */
export const customerReplica = defineModule({
  // The module's and consumer's names are those of service's former own replica: its inbox stays.
  name: 'customer-replica',
  replicaOf: 'customers',
  entities: [CustomerOwnerReplicaSchema],
  migrations: customerReplicaMigrations,
  consumers: [customerOwnerConsumer],
});
