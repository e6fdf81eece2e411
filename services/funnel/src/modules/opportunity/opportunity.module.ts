import { defineModule } from '@crm/platform';
import { opportunityCustomerConsumer } from './customer-link.consumer';
import { opportunityMigrations } from './migrations';
import { CustomerLifecycleSchema, OpportunitySchema, StageChangeSchema } from './opportunity.entity';
import { opportunityResolvers } from './opportunity.resolvers';

/**
 * FUN-2: opportunities converted from verified leads, moved through their pipeline's stages with
 * history, won or lost, read within ORG-2's visibility; and funnel's view of a customer's lifecycle.
 */
export const opportunityModule = defineModule({
  name: 'opportunity',
  entities: [OpportunitySchema, StageChangeSchema, CustomerLifecycleSchema],
  migrations: opportunityMigrations,
  resolvers: [opportunityResolvers],
  consumers: [opportunityCustomerConsumer],
});
