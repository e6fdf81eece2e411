import { defineModule } from '@crm/platform';
import { timelineMergeConsumer } from './timeline-merge.consumer';
import { timelineConsumer } from './timeline.consumer';
import { InteractionSchema, TimelineEntrySchema } from './timeline.entity';
import { timelineResolvers } from './timeline.resolvers';
import { timelineMigrations } from './migrations';

/** CUS-6: logged interactions, and each customer's timeline of leads, complaints and interactions. */
export const timelineModule = defineModule({
  name: 'timeline',
  entities: [InteractionSchema, TimelineEntrySchema],
  migrations: timelineMigrations,
  resolvers: [timelineResolvers],
  consumers: [timelineConsumer, timelineMergeConsumer],
});
