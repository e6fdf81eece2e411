import { defineModule } from '@crm/platform';
import { paymentMigrations } from './migrations';
import { PaymentAllocationSchema, PaymentSchema } from './payment.entity';
import { paymentResolvers } from './payment.resolvers';

/**
 * FUN-11's payments and receivables: money from settlement parties applied to the orders billed to
 * them, what each party and group still owes (CUS-4), and the first paid order that makes a
 * prospect a new customer (FUN-2).
 */
export const paymentModule = defineModule({
  name: 'payment',
  entities: [PaymentSchema, PaymentAllocationSchema],
  migrations: paymentMigrations,
  resolvers: [paymentResolvers],
});
