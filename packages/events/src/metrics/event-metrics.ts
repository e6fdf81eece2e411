import { Counter, Gauge, register, type Metric } from 'prom-client';

/** The metric registered under `name`, made once per process even if this module is loaded twice (sources and build). */
const once = <M extends Metric>(name: string, make: (name: string) => M): M => (register.getSingleMetric(name) as M | undefined) ?? make(name);

/** Dead letters per consumer and event type: anything above zero needs a person (see README, "Dead letters"). */
export const deadLetteredEvents = once(
  'crm_events_dead_lettered_total',
  (name) =>
    new Counter({ name, help: 'Events a consumer gave up on after its retries and moved to its dead-letter store', labelNames: ['consumer', 'type'] }),
);

/** Events applied per consumer, so throughput and stalls show on a dashboard. */
export const appliedEvents = once('crm_events_applied_total', (name) => new Counter({ name, help: 'Events a consumer applied', labelNames: ['consumer'] }));

/** What each gauge reads at scrape time; several subgraphs (and one shared bus) may live in a process. */
const backlogs = new Map<string, () => Promise<number>>();
const buses = new Set<{ lag(): Promise<number> }>();

once(
  'crm_outbox_pending',
  (name) =>
    new Gauge({
      name,
      help: 'Events recorded but not yet published, per subgraph: a growing figure means the broker is unreachable',
      labelNames: ['subgraph'],
      async collect() {
        for (const [subgraph, read] of backlogs) this.set({ subgraph }, await read());
      },
    }),
);

once(
  'crm_events_unapplied',
  (name) =>
    new Gauge({
      name,
      help: "Events published but not yet applied by this process's consumer groups (consumer lag)",
      async collect() {
        const figures = await Promise.all([...buses].map((bus) => bus.lag()));
        this.set(figures.reduce((sum, n) => sum + n, 0));
      },
    }),
);

/** Reports a subgraph's outbox backlog, and the consumer lag of the bus it uses, on `/metrics`. */
export function trackEventFlow(subgraph: string, pending: () => Promise<number>, bus: { lag(): Promise<number> }): void {
  backlogs.set(subgraph, pending);
  buses.add(bus);
}
