import {
  errorReportCsv,
  fields,
  findPage,
  IMPORT_FORMATS,
  inferFormat,
  InputException,
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
import { LeadSource } from '../../generated/graphql';
import { INVALID_PHONE_HANDLING } from '../lead';
import { IMPORT_FIELDS, requirePhoneColumn } from './import-row';
import { teamReps } from './import-run';
import { LeadImport, LeadImportError } from './lead-import.entity';
import { LeadImportNotFoundException, UnreadableFileException } from './lead-import.exception';
import { leadImportJob } from './lead-import.job';
import { leadImportPermissions } from './lead-import.permissions';

const importInput = z.object({
  uploadId: fields.id('uploadId'),
  format: z.enum(IMPORT_FORMATS).nullish(),
  mapping: z.array(z.object({ column: fields.text(200), field: fields.text(50) })).min(1).max(IMPORT_FIELDS.length),
  source: z.enum(LeadSource),
  onInvalidPhone: z.enum(INVALID_PHONE_HANDLING).nullish(),
  verify: z.boolean().nullish(),
  ownerId: fields.id('ownerId').nullish(),
  distribute: z.object({ toOwnerId: fields.id('toOwnerId').nullish(), toSalesTeamId: fields.id('toSalesTeamId').nullish() }).nullish(),
});

type Distribute = z.infer<typeof importInput>['distribute'];

/** Only verified leads are distributed, to one rep or one team: checked, and their reach, before anything runs. */
async function checkDistribution(scope: Scope, actor: Actor, distribute: Distribute, verify: boolean): Promise<void> {
  if (!distribute) return;
  if (!verify) throw new InputException('distribute: only verified leads are distributed; set verify for a pre-verified list, or verify the leads and call distributeLeads.', 'distribute');
  if (Boolean(distribute.toOwnerId) === Boolean(distribute.toSalesTeamId)) throw new InputException('distribute: give either toOwnerId or toSalesTeamId.', 'distribute');
  if (distribute.toOwnerId) await requireOwnerInReach(scope.em, actor, distribute.toOwnerId);
  if (distribute.toSalesTeamId) await teamReps(scope.em, actor, distribute.toSalesTeamId);
}

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
 * Starts an import of an upload of the actor's: the options and the mapping are checked against
 * the file's header row now, so a wrong one is refused before anything is written; the rows are
 * checked by the job. The import is saved before its job starts, so the job always finds it.
 */
export async function startImport(scope: Scope, startJob: StartJob, input: unknown): Promise<LeadImport> {
  const actor = requireActor(scope.actor);
  leadImportPermissions.require(actor, 'lead.import');
  const data = parseInput(importInput, input);
  const upload = await requireCompleteUpload(scope.em, actor, data.uploadId, scope.clock.now());
  const owner = await requireOwnerInReach(scope.em, actor, data.ownerId ?? actor.userId);
  await checkDistribution(scope, actor, data.distribute, data.verify ?? false);
  const head = (await uploadBytes(scope.em, upload.id).next()).value as Buffer;
  const format = data.format ?? inferFormat(upload.fileName, head);
  const headers = await headersOf(scope.em, upload.id, format);
  requirePhoneColumn(data.mapping);
  resolveMapping(headers, data.mapping, IMPORT_FIELDS, []);
  const record = scope.em.create(LeadImport, {
    uploadId: upload.id,
    fileName: upload.fileName,
    format,
    mapping: data.mapping,
    headers,
    source: data.source,
    onInvalidPhone: data.onInvalidPhone ?? 'FLAG',
    verify: data.verify ?? false,
    ownerId: owner.id,
    distributeToOwnerId: data.distribute?.toOwnerId ?? null,
    distributeToTeamId: data.distribute?.toSalesTeamId ?? null,
    requestedById: actor.userId,
    createdAt: scope.clock.now(),
  });
  await scope.em.flush();
  record.jobId = (await startJob(leadImportJob.kind, { importId: record.id })).id;
  await scope.em.flush();
  return record;
}

const mayRead = (actor: Actor, record: LeadImport) => record.requestedById === actor.userId || actor.roles.includes('ADMIN');

export async function findImport(scope: Scope, rawId: string): Promise<LeadImport> {
  const actor = requireActor(scope.actor);
  const id = parseId(rawId);
  const record = await scope.em.findOne(LeadImport, { id });
  if (!record || !mayRead(actor, record)) throw new LeadImportNotFoundException(id);
  return record;
}

export const importErrors = (em: EntityManager, record: LeadImport, page: PageRequest): Promise<Connection<LeadImportError>> =>
  findPage(em, LeadImportError, page, { sql: 'import_id = ?', params: [record.id] }, { oldestFirst: true });

export async function importErrorReport(em: EntityManager, record: LeadImport) {
  const errors = await em.find(LeadImportError, { importId: record.id }, { orderBy: { id: 'asc' } });
  return {
    fileName: `${record.fileName.replace(/\.[^.]*$/, '')}-report.csv`,
    mediaType: 'text/csv; charset=utf-8',
    content: errorReportCsv(record.headers, errors),
  };
}
