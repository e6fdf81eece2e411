import { defineModule } from '@crm/platform';
import { openWorkMigrations } from './migrations';
import { OpenWorkItemSchema } from './open-work-item.entity';
import { openWorkConsumer } from './open-work.consumer';

/** Who holds the other subgraphs' open work, learnt from their events, so a unit is not closed under it. */
export const openWorkModule = defineModule({
  name: 'open-work',
  entities: [OpenWorkItemSchema],
  migrations: openWorkMigrations,
  consumers: [openWorkConsumer],
});
