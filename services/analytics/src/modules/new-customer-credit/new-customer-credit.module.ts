import { defineModule } from '@crm/platform';
import { newCustomerCreditMigrations } from './migrations';
import { newCustomerCreditProjector } from './new-customer-credit.projector';
import { newCustomerCreditResolvers } from './new-customer-credit.resolvers';

/** Which new customers earn their rep appraisal credit (ANA-7): those funnel's risk control (FUN-9) cleared or a reviewer approved. */
export const newCustomerCreditModule = defineModule({
  name: 'new-customer-credit',
  migrations: newCustomerCreditMigrations,
  resolvers: [newCustomerCreditResolvers],
  consumers: [newCustomerCreditProjector],
});
