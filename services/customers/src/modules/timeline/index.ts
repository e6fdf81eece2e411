export { timelineModule } from './timeline.module';
export { Interaction, InteractionSchema, TimelineEntry, TimelineEntrySchema } from './timeline.entity';
export { createTimelineLoaders, type TimelineLoaders } from './timeline.loaders';
export { timelineConsumer } from './timeline.consumer';
export { timelineMergeConsumer } from './timeline-merge.consumer';
export { timelineMappers, insertTimelineEntries } from './timeline.projection';
