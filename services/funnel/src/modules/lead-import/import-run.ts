import { InputException, isBlankRow, openSheet, resolveMapping, uploadBytes, type Actor, type Scope } from '@crm/platform';
import { requireOwnerInReach, requireSalesTeamInReach } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import { importBatch, type ImportRun } from './import-batch';
import { IMPORT_FIELDS, rowParser, type ParsedRow } from './import-row';
import type { LeadImport } from './lead-import.entity';

/** Rows per transaction: few enough to keep a transaction short, enough that its statements are few per row. */
export const BATCH_ROWS = 1_000;

/** The team's active reps, in a stable order; the team must be within the actor's reach. */
export async function teamReps(em: EntityManager, actor: Actor, teamId: string): Promise<string[]> {
  await requireSalesTeamInReach(em, actor, teamId);
  const reps = (await em.getConnection().execute(
    `select u.id from directory_team_member m join directory_user u on u.id = m.user_id
      where m.team_id = ? and u.active and 'REP' = any(u.roles) order by u.id`,
    [teamId],
  )) as { id: string }[];
  if (!reps.length) throw new InputException(`distribute.toSalesTeamId: team ${teamId} has no active reps to distribute to.`, 'distribute.toSalesTeamId');
  return reps.map((rep) => rep.id);
}

/** Who verified leads go to: one rep, or a team's reps in turn, so a list is split evenly (FUN-6). */
async function distributor(scope: Scope, actor: Actor, record: LeadImport): Promise<ImportRun['nextRep']> {
  if (record.distributeToOwnerId) {
    const rep = (await requireOwnerInReach(scope.em, actor, record.distributeToOwnerId)).id;
    return () => rep;
  }
  if (!record.distributeToTeamId) return null;
  const reps = await teamReps(scope.em, actor, record.distributeToTeamId);
  let turn = 0;
  return () => reps[turn++ % reps.length]!;
}

async function countRows(scope: Scope, record: LeadImport): Promise<number> {
  const { rows } = await openSheet(uploadBytes(scope.em, record.uploadId!), record.format);
  let total = 0;
  for await (const row of rows) if (!isBlankRow(row)) total += 1;
  return total;
}

/**
 * Reads the file once to count its rows (the job's total), then again in batches; a retried run
 * goes on after the last batch that committed.
 */
export async function runImport(scope: Scope, actor: Actor, record: LeadImport, progress: (done: number, total: number) => Promise<void>): Promise<void> {
  await requireOwnerInReach(scope.em, actor, record.ownerId);
  const total = await countRows(scope, record);
  let done = record.rows;
  await progress(done, total);
  const { headers, rows } = await openSheet(uploadBytes(scope.em, record.uploadId!), record.format);
  const mapping = resolveMapping(headers, record.mapping, IMPORT_FIELDS, []);
  const parse = rowParser(mapping, record.source);
  const run: ImportRun = {
    scope,
    actor,
    importId: record.id,
    ownerId: record.ownerId,
    onInvalidPhone: record.onInvalidPhone,
    verify: record.verify,
    nextRep: await distributor(scope, actor, record),
    columnOf: (field) => mapping.columnOf(field),
    known: new Map(),
  };
  let batch: ParsedRow[] = [];
  let lastRow = record.doneThroughRow;
  let writing: Promise<void> = Promise.resolve();
  // The next batch is read and checked while the database writes this one; batches still commit in
  // order, each after the one before, whose leads it must see.
  const write = async (rows: ParsedRow[], throughRow: number) => {
    await writing;
    writing = importBatch(run, rows, throughRow).then(() => progress((done += rows.length), total));
    writing.catch(() => undefined); // awaited at the next batch or the end
  };
  for await (const row of rows) {
    if (row.number <= record.doneThroughRow || isBlankRow(row)) continue;
    batch.push(parse(row));
    lastRow = row.number;
    if (batch.length === BATCH_ROWS) {
      await write(batch, lastRow);
      batch = [];
    }
  }
  if (batch.length) await write(batch, lastRow);
  await writing;
}
