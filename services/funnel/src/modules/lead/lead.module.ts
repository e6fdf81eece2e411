import { defineModule } from '@crm/platform';
import { LeadSchema } from './lead.entity';
import { leadHandoverConsumer } from './lead-handover.consumer';
import { leadMergeConsumer } from './lead-merge.consumer';
import { leadResolvers } from './lead.resolvers';
import { leadMigrations } from './migrations';

/** Leads and their owners: enter, hand over a leaver's open ones, read within ORG-2's visibility. */
export const leadModule = defineModule({
  name: 'lead',
  entities: [LeadSchema],
  migrations: leadMigrations,
  resolvers: [leadResolvers],
  consumers: [leadHandoverConsumer, leadMergeConsumer],
});
