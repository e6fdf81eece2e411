import { Counter, register } from 'prom-client';

/** Dead letters per consumer and event type: anything above zero needs a person (see README, "Dead letters"). */
export const deadLetteredEvents =
  (register.getSingleMetric('crm_events_dead_lettered_total') as Counter<'consumer' | 'type'> | undefined) ??
  new Counter({
    name: 'crm_events_dead_lettered_total',
    help: 'Events a consumer gave up on after its retries and moved to its dead-letter store',
    labelNames: ['consumer', 'type'],
  });

/** Events applied per consumer, so throughput and stalls show on a dashboard. */
export const appliedEvents =
  (register.getSingleMetric('crm_events_applied_total') as Counter<'consumer'> | undefined) ??
  new Counter({ name: 'crm_events_applied_total', help: 'Events a consumer applied', labelNames: ['consumer'] });
