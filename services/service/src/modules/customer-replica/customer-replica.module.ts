import { defineModule } from '@crm/platform';
import { CustomerOwnerReplicaSchema } from './customer-owner.replica';
import { customerReplicaConsumer } from './customer-replica.consumer';
import { customerReplicaMigrations } from './migrations';

/**
 * service's replica of customers' owners and sharing, and the rules read from it: which customers
 * an actor sees, and who handles a customer's work (ORG-2, ORG-4, ORG-5).
 */
export const customerReplicaModule = defineModule({
  name: 'customer-replica',
  entities: [CustomerOwnerReplicaSchema],
  migrations: customerReplicaMigrations,
  consumers: [customerReplicaConsumer],
});
