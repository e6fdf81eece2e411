import { Counter, Histogram, register } from 'prom-client';

const once = <T>(name: string, make: () => T): T => (register.getSingleMetric(name) as T | undefined) ?? make();

export const jobRuns = once(
  'crm_jobs_runs_total',
  () => new Counter({ name: 'crm_jobs_runs_total', help: 'Job tries by outcome (completed, failed, retry)', labelNames: ['subgraph', 'kind', 'outcome'] }),
);

export const jobDuration = once(
  'crm_jobs_duration_seconds',
  () =>
    new Histogram({
      name: 'crm_jobs_duration_seconds',
      help: 'How long one try of a job took',
      labelNames: ['subgraph', 'kind'],
      buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
    }),
);
