import { defineModule } from '@crm/platform';
import { CustomerSchema } from './customer.entity';
import { customerHandoverConsumer } from './customer-handover.consumer';
import { customerResolvers } from './customer.resolvers';
import { customerMigrations } from './migrations';

/** Customers and their owners: create, hand over, share with a team, read within ORG-2's visibility. */
export const customerModule = defineModule({
  name: 'customer',
  entities: [CustomerSchema],
  migrations: customerMigrations,
  resolvers: [customerResolvers],
  consumers: [customerHandoverConsumer],
});
