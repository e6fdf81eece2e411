export { defineJob, type JobDefinition, type JobRetry, type JobRun, type StartJob } from './job-definition';
export { jobFieldNames } from './job-fields';
export { JOB_STATES, JobRecord, JobRecordSchema, type JobState } from './job-record.entity';
export { JobRunner, type JobRunnerOptions } from './job-runner';
export { jobResolversFor } from './jobs.resolvers';
export { startJobAs } from './start-job';
export { jobsMigrations } from './jobs.migration';
export { latestTick, nextTick } from './cron-ticks';
