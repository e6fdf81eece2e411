import { defineModule } from '@crm/platform';
import { orderMigrations } from './migrations';
import { CreditPolicySchema, OrderLineSchema, OrderReturnLineSchema, OrderReturnSchema, OrderSchema } from './order.entity';
import { orderResolvers } from './order.resolvers';

/**
 * FUN-11's orders: lines priced from the price book and credited to reps (ORG-4), the credit check
 * at placement (CUS-4), the profit forecast as entered (ANA-3), the states and returns.
 */
export const orderModule = defineModule({
  name: 'order',
  entities: [OrderSchema, OrderLineSchema, OrderReturnSchema, OrderReturnLineSchema, CreditPolicySchema],
  migrations: orderMigrations,
  resolvers: [orderResolvers],
});
