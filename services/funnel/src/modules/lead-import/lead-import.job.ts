import { defineJob, fields, parseInput, requireActor } from '@crm/platform';
import { z } from 'zod';
import { runImport } from './import-run';
import { LeadImport } from './lead-import.entity';
import { LeadImportNotFoundException } from './lead-import.exception';
import { IMPORTERS, leadImportPermissions } from './lead-import.permissions';

const payloadSchema = z.object({ importId: fields.id('importId') });

/** Runs an import importLeads prepared and started: only its starter may, and a finished one does nothing. */
export const leadImportJob = defineJob<z.infer<typeof payloadSchema>>({
  kind: 'lead.import',
  startableBy: IMPORTERS,
  singleton: false,
  retry: { limit: 2, delaySeconds: 30, backoff: true },
  parsePayload: (input) => parseInput(payloadSchema, input),
  async run({ id, scope, payload, progress }) {
    const actor = requireActor(scope.actor);
    leadImportPermissions.require(actor, 'lead.import');
    const record = await scope.em.findOne(LeadImport, { id: payload.importId, requestedById: actor.userId });
    if (!record) throw new LeadImportNotFoundException(payload.importId);
    if (record.state === 'COMPLETED') return;
    Object.assign(record, { state: 'RUNNING', jobId: id, error: null });
    await scope.em.flush();
    try {
      await runImport(scope, actor, record, progress);
      await scope.em.refresh(record);
      Object.assign(record, { state: 'COMPLETED', finishedAt: scope.clock.now() });
    } catch (error) {
      Object.assign(record, { state: 'FAILED', error: (error as Error).message });
      throw error;
    } finally {
      await scope.em.flush();
    }
  },
});
