import { createScope, defineJob, fields, parseInput, requireActor, type JobRun } from '@crm/platform';
import { z } from 'zod';
import { assignBatch, BATCH_LEADS } from './assign-batch';
import { LeadAssignmentRun } from './assignment.entity';
import { AssignmentRunNotFoundException } from './assignment.exception';
import { ASSIGNERS, assignmentPermissions } from './assignment.permissions';
import { planFor } from './assignment-plan';

const payloadSchema = z.object({ runId: fields.id('runId') });
type Payload = z.infer<typeof payloadSchema>;

/** The batches of a run, each committed with the run's count, so a retried run goes on after the last one that committed. */
async function assignInBatches({ scope, progress }: JobRun<Payload>, run: LeadAssignmentRun): Promise<void> {
  const actor = requireActor(scope.actor);
  const plan = await planFor(scope, actor, run.strategy, run);
  const total = run.leadIds.length;
  await progress(run.assigned, total);
  for (let offset = run.assigned; offset < total; offset += BATCH_LEADS) {
    const ids = run.leadIds.slice(offset, offset + BATCH_LEADS);
    await scope.em.fork().transactional(async (tx) => {
      await assignBatch(createScope({ ...scope, em: tx }), actor, plan, ids, offset);
      await tx.nativeUpdate(LeadAssignmentRun, { id: run.id }, { assigned: offset + ids.length });
    });
    await progress(offset + ids.length, total);
  }
}

/** Runs a bulk assignment assignLeads saved and started: only its starter may, and a finished one does nothing. */
export const assignLeadsJob = defineJob<Payload>({
  kind: 'lead.assign',
  startableBy: ASSIGNERS,
  singleton: false,
  retry: { limit: 2, delaySeconds: 30, backoff: true },
  parsePayload: (input) => parseInput(payloadSchema, input),
  async run(job) {
    const { id, scope, payload } = job;
    const actor = requireActor(scope.actor);
    assignmentPermissions.require(actor, 'lead.assign');
    const run = await scope.em.findOne(LeadAssignmentRun, { id: payload.runId, requestedById: actor.userId });
    if (!run) throw new AssignmentRunNotFoundException(payload.runId);
    if (run.state === 'COMPLETED') return;
    Object.assign(run, { state: 'RUNNING', jobId: id, error: null });
    await scope.em.flush();
    try {
      await assignInBatches(job, run);
      await scope.em.refresh(run);
      Object.assign(run, { state: 'COMPLETED', finishedAt: scope.clock.now() });
    } catch (error) {
      Object.assign(run, { state: 'FAILED', error: (error as Error).message });
      throw error;
    } finally {
      await scope.em.flush();
    }
  },
});
