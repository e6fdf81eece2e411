import {
  errorReportCsv,
  fields,
  findPage,
  IMPORT_FORMATS,
  inferFormat,
  openSheet,
  parseId,
  parseInput,
  requireActor,
  requireCompleteUpload,
  resolveMapping,
  uploadBytes,
  type Actor,
  type Connection,
  type ImportFormat,
  type PageRequest,
  type Scope,
  type StartJob,
} from '@crm/platform';
import { requireOwnerInReach } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { CustomerImport, CustomerImportError } from './customer-import.entity';
import { CustomerImportNotFoundException, UnreadableFileException } from './customer-import.exception';
import { customerImportJob } from './customer-import.job';
import { customerImportPermissions } from './customer-import.permissions';
import { IMPORT_FIELDS } from './import-row';

const importInput = z.object({
  uploadId: fields.id('uploadId'),
  format: z.enum(IMPORT_FORMATS).nullish(),
  mapping: z.array(z.object({ column: fields.text(200), field: fields.text(50) })).min(1).max(IMPORT_FIELDS.length),
  onDuplicate: z.enum(['SKIP', 'FLAG', 'MERGE']),
  ownerId: fields.id('ownerId').nullish(),
});

async function headersOf(em: EntityManager, uploadId: string, format: ImportFormat): Promise<string[]> {
  try {
    const { headers, rows } = await openSheet(uploadBytes(em, uploadId), format);
    await rows.return(undefined);
    return headers;
  } catch (error) {
    throw new UnreadableFileException(format, (error as Error).message);
  }
}

/**
 * Starts an import of an upload of the actor's: the mapping is checked against the file's header
 * row now, so a wrong one is refused before anything runs; the rows are checked by the job. The
 * import is saved before its job starts, so the job always finds it.
 */
export async function startImport(scope: Scope, startJob: StartJob, input: unknown): Promise<CustomerImport> {
  const actor = requireActor(scope.actor);
  customerImportPermissions.require(actor, 'customer.import');
  const data = parseInput(importInput, input);
  const upload = await requireCompleteUpload(scope.em, actor, data.uploadId, scope.clock.now());
  const owner = await requireOwnerInReach(scope.em, actor, data.ownerId ?? actor.userId);
  const head = (await uploadBytes(scope.em, upload.id).next()).value as Buffer;
  const format = data.format ?? inferFormat(upload.fileName, head);
  const headers = await headersOf(scope.em, upload.id, format);
  resolveMapping(headers, data.mapping, IMPORT_FIELDS, ['name']);
  const record = scope.em.create(CustomerImport, {
    uploadId: upload.id,
    fileName: upload.fileName,
    format,
    mapping: data.mapping,
    headers,
    onDuplicate: data.onDuplicate,
    ownerId: owner.id,
    requestedById: actor.userId,
    createdAt: scope.clock.now(),
  });
  await scope.em.flush();
  record.jobId = (await startJob(customerImportJob.kind, { importId: record.id })).id;
  await scope.em.flush();
  return record;
}

const mayRead = (actor: Actor, record: CustomerImport) => record.requestedById === actor.userId || actor.roles.includes('ADMIN');

export async function findImport(scope: Scope, rawId: string): Promise<CustomerImport> {
  const actor = requireActor(scope.actor);
  const id = parseId(rawId);
  const record = await scope.em.findOne(CustomerImport, { id });
  if (!record || !mayRead(actor, record)) throw new CustomerImportNotFoundException(id);
  return record;
}

export const importErrors = (em: EntityManager, record: CustomerImport, page: PageRequest): Promise<Connection<CustomerImportError>> =>
  findPage(em, CustomerImportError, page, { sql: 'import_id = ?', params: [record.id] }, { oldestFirst: true });

export async function importErrorReport(em: EntityManager, record: CustomerImport) {
  const errors = await em.find(CustomerImportError, { importId: record.id }, { orderBy: { id: 'asc' } });
  return {
    fileName: `${record.fileName.replace(/\.[^.]*$/, '')}-errors.csv`,
    mediaType: 'text/csv; charset=utf-8',
    content: errorReportCsv(record.headers, errors),
  };
}
