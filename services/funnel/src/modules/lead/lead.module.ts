import { defineModule } from '@crm/platform';
import { customerKeyConsumer } from './customer-key.consumer';
import { LeadSchema } from './lead.entity';
import { leadHandoverConsumer } from './lead-handover.consumer';
import { leadMergeConsumer } from './lead-merge.consumer';
import { leadResolvers } from './lead.resolvers';
import { leadMigrations } from './migrations';

/**
 * Leads and their owners (FUN-1): enter through cleaning against funnel's replica of customers'
 * keys, verify or reject, distribute verified ones, hand over a leaver's open ones, read within
 * ORG-2's visibility.
 */
export const leadModule = defineModule({
  name: 'lead',
  entities: [LeadSchema],
  migrations: leadMigrations,
  resolvers: [leadResolvers],
  consumers: [leadHandoverConsumer, leadMergeConsumer, customerKeyConsumer],
});
