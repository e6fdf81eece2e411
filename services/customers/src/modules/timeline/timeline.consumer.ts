import type { EventBatchHandler, EventConsumer, EventHandlers } from '@crm/events';
import { insertTimelineEntries, timelineMappers, type TimelineEventType } from './timeline.projection';

const project: EventBatchHandler<TimelineEventType> = {
  batch: (em, events) => insertTimelineEntries(em, events.map((event) => event.envelope)).then(() => undefined),
};

/**
 * CUS-6: each customer's timeline, projected from the events that `timelineMappers` lists (leads,
 * complaints, interactions), a run of them in one statement. Idempotent twice over: the inbox skips
 * an event it has seen, and an entry's source event id is unique.
 */
export const timelineConsumer: EventConsumer = {
  name: 'customer-timeline',
  handlers: Object.fromEntries(Object.keys(timelineMappers).map((type) => [type, project])) as EventHandlers,
};
