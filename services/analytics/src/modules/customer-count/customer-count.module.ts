import { defineModule } from '@crm/platform';
import { customerCountProjector } from './customer-count.projector';
import { customerCountResolvers } from './customer-count.resolvers';
import { customerCountMigrations } from './migrations';
import { OwnerCustomerCountSchema } from './owner-customer-count.projection';

/** How many customers each person owns, projected from customers' events and read within ORG-2's visibility. */
export const customerCountModule = defineModule({
  name: 'customer-count',
  entities: [OwnerCustomerCountSchema],
  migrations: customerCountMigrations,
  resolvers: [customerCountResolvers],
  consumers: [customerCountProjector],
});
