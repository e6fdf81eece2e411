import { defineJob, fields, parseInput, requireActor } from '@crm/platform';
import { z } from 'zod';
import { CustomerImport } from './customer-import.entity';
import { CustomerImportNotFoundException } from './customer-import.exception';
import { customerImportPermissions, IMPORTERS } from './customer-import.permissions';
import { runImport } from './import-run';

const payloadSchema = z.object({ importId: fields.id('importId') });

/** Runs an import importCustomers prepared and started: only its starter may, and a finished one does nothing. */
export const customerImportJob = defineJob<z.infer<typeof payloadSchema>>({
  kind: 'customer.import',
  startableBy: IMPORTERS,
  singleton: false,
  retry: { limit: 2, delaySeconds: 30, backoff: true },
  parsePayload: (input) => parseInput(payloadSchema, input),
  async run({ id, scope, payload, progress }) {
    const actor = requireActor(scope.actor);
    customerImportPermissions.require(actor, 'customer.import');
    const record = await scope.em.findOne(CustomerImport, { id: payload.importId, requestedById: actor.userId });
    if (!record) throw new CustomerImportNotFoundException(payload.importId);
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
