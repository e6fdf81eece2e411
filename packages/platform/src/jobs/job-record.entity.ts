import { EntitySchema } from '@mikro-orm/core';

export const JOB_STATES = ['CREATED', 'RETRY', 'ACTIVE', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * A run of a job as people see it through the API (`Job`). pg-boss keeps its own queue rows for
 * delivery and retries; this row shares their id and adds what pg-boss does not know: progress,
 * who asked for the run, and which scheduled tick it is for.
 */
export class JobRecord {
  id!: string;
  kind!: string;
  state: JobState = 'CREATED';
  progress = 0;
  total: number | null = null;
  /** Unique per kind: it is what makes a tick enqueue once however many replicas see it. */
  scheduledFor: Date | null = null;
  requestedBy: string | null = null;
  createdAt!: Date;
  startedAt: Date | null = null;
  finishedAt: Date | null = null;
  error: string | null = null;
  /** Written while a run is ACTIVE: a run whose process died stops writing it, and is tried again. */
  heartbeatAt: Date | null = null;
}

export const JobRecordSchema = new EntitySchema<JobRecord>({
  class: JobRecord,
  tableName: 'job_record',
  properties: {
    id: { type: 'uuid', primary: true },
    kind: { type: 'text' },
    state: { type: 'text' },
    progress: { type: 'integer' },
    total: { type: 'integer', nullable: true },
    scheduledFor: { type: 'timestamptz', nullable: true },
    requestedBy: { type: 'uuid', nullable: true },
    createdAt: { type: 'timestamptz' },
    startedAt: { type: 'timestamptz', nullable: true },
    finishedAt: { type: 'timestamptz', nullable: true },
    error: { type: 'text', nullable: true },
    heartbeatAt: { type: 'timestamptz', nullable: true },
  },
});
