import { defineModule } from '@crm/platform';
import { CustomerKeySchema, CustomerSchema } from './customer.entity';
import { bulkReassignCustomersJob } from './customer-bulk-reassign.job';
import { customerHandoverConsumer } from './customer-handover.consumer';
import { leadConversionConsumer } from './lead-conversion.consumer';
import { poolClaimConsumer } from './pool-claim.consumer';
import { customerResolvers } from './customer.resolvers';
import { customerMigrations } from './migrations';

/** Customers and their owners: create, hand over, share with a team, read within ORG-2's visibility. */
export const customerModule = defineModule({
  name: 'customer',
  entities: [CustomerSchema, CustomerKeySchema],
  migrations: customerMigrations,
  resolvers: [customerResolvers],
  consumers: [customerHandoverConsumer, leadConversionConsumer, poolClaimConsumer],
  jobs: [bulkReassignCustomersJob],
});
