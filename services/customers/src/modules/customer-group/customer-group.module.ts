import { defineModule } from '@crm/platform';
import { CustomerCreditLimitSchema, CustomerLinkSchema, CustomerOrderDefaultsSchema } from './customer-group.entity';
import { customerGroupResolvers } from './customer-group.resolvers';
import { customerGroupMigrations } from './migrations';

/** CUS-4: customer groups (HQ → subsidiary → branch), order defaults within a group, credit per customer and per group. */
export const customerGroupModule = defineModule({
  name: 'customer-group',
  entities: [CustomerLinkSchema, CustomerOrderDefaultsSchema, CustomerCreditLimitSchema],
  migrations: customerGroupMigrations,
  resolvers: [customerGroupResolvers],
});
