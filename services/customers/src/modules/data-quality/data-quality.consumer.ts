import { Events, type EventConsumer } from '@crm/events';
import type { Clock } from '@crm/platform';
import { rescoreCustomers } from './completeness';

/** "Now" for a run of events is when the last of them happened, so a replay records the same. */
const clockOf = (events: readonly { envelope: { time: string } }[]): Clock => ({ now: () => new Date(events.at(-1)!.envelope.time) });

/**
 * Measures a customer when its record changes by event (CUS-7): a new customer, and a merge's
 * survivor (which took the merged one's fields, keys, contacts and values; the merged one's score
 * goes). Contacts and custom values, which publish no event, reach the score through the pending
 * queue instead (see the migration). Each run measures what the record holds now, so a redelivery
 * leaves the same score.
 */
export const dataQualityConsumer: EventConsumer = {
  name: 'data-quality-completeness',
  handlers: {
    [Events.CustomerCreated]: { batch: (em, events) => rescoreCustomers(em, clockOf(events), events.map(({ payload }) => payload.customerId)) },
    [Events.CustomerMerged]: { batch: (em, events) => rescoreCustomers(em, clockOf(events), events.flatMap(({ payload }) => [payload.survivorId, payload.mergedId])) },
  },
};
