import { defineModule } from '@crm/platform';
import { ComplaintSchema } from './complaint.entity';
import { complaintHandoverConsumer } from './complaint-handover.consumer';
import { complaintMergeConsumer } from './complaint-merge.consumer';
import { complaintResolvers } from './complaint.resolvers';
import { complaintMigrations } from './migrations';

/** Complaints: file one and route it (ORG-5), hand over a leaver's open ones (ORG-7), read them through their customer. */
export const complaintModule = defineModule({
  name: 'complaint',
  entities: [ComplaintSchema],
  migrations: complaintMigrations,
  resolvers: [complaintResolvers],
  consumers: [complaintHandoverConsumer, complaintMergeConsumer],
});
