import type { Actor } from '../auth';
import { ForbiddenException, NotFoundException } from '../errors';
import type { JobRecord } from './job-record.entity';
import type { JobRunner } from './job-runner';

/**
 * Starts a run of one of the subgraph's jobs for a person: the kind must exist, the person must hold
 * one of its `startableBy` roles, and the payload must pass the job's own check. The one gate for
 * `run…Job` and for mutations that hand their work to a job.
 */
export function startJobAs(runner: JobRunner, subgraph: string, actor: Actor, kind: string, rawPayload: unknown): Promise<JobRecord> {
  const job = runner.definition(kind);
  if (!job) {
    const known = runner.kinds.join(', ') || 'none';
    throw new NotFoundException(`No job "${kind}" runs in ${subgraph}; its jobs: ${known}.`, 'JOB_KIND_NOT_FOUND');
  }
  const roles = job.startableBy ?? [];
  if (!roles.some((role) => actor.roles.includes(role))) {
    throw new ForbiddenException(roles.length ? `Starting ${kind} needs the ${roles.join(' or ')} role.` : `${kind} only runs on its schedule.`);
  }
  const payload = job.parsePayload ? job.parsePayload(rawPayload ?? {}) : {};
  return runner.runNow(kind, payload, actor);
}
