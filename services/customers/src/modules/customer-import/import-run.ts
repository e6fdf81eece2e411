import { isBlankRow, openSheet, resolveMapping, uploadBytes, type Actor, type DomainException, type Scope } from '@crm/platform';
import { OutOfTerritoryException, TerritoryOverrideNotAllowedException, requireOwnerInReach } from '@crm/identity/replica';
import { Customer, requireInTerritory } from '../customer';
import type { CustomerImport } from './customer-import.entity';
import { importBatch, type ImportRun } from './import-batch';
import { IMPORT_FIELDS, rowParser, type ParsedRow } from './import-row';

/** Rows per transaction: few enough to keep a transaction short, enough that its statements are few per row. */
export const BATCH_ROWS = 1_000;

/** ORG-3's outcome per division for one owner, the question asked once per division. */
function territoryGate(scope: Scope, owner: { id: string; orgPath: string }): ImportRun['territory'] {
  const outcomes = new Map<string, Promise<DomainException | null>>();
  return (divisionCode) => {
    if (!divisionCode) return Promise.resolve(null);
    if (!outcomes.has(divisionCode)) {
      const probe = Object.assign(new Customer(), { divisionCode });
      outcomes.set(
        divisionCode,
        requireInTerritory(scope, probe, owner, null).then(
          () => null,
          (error: unknown) => {
            if (error instanceof OutOfTerritoryException || error instanceof TerritoryOverrideNotAllowedException) return error;
            throw error;
          },
        ),
      );
    }
    return outcomes.get(divisionCode)!;
  };
}

async function countRows(scope: Scope, record: CustomerImport): Promise<number> {
  const { rows } = await openSheet(uploadBytes(scope.em, record.uploadId!), record.format);
  let total = 0;
  for await (const row of rows) if (!isBlankRow(row)) total += 1;
  return total;
}

/**
 * Reads the file once to count its rows (the job's total), then again in batches; a retried run
 * goes on after the last batch that committed.
 */
export async function runImport(scope: Scope, actor: Actor, record: CustomerImport, progress: (done: number, total: number) => Promise<void>): Promise<void> {
  const owner = await requireOwnerInReach(scope.em, actor, record.ownerId);
  const total = await countRows(scope, record);
  let done = record.rows;
  await progress(done, total);
  const { headers, rows } = await openSheet(uploadBytes(scope.em, record.uploadId!), record.format);
  const parse = rowParser(resolveMapping(headers, record.mapping, IMPORT_FIELDS, ['name']), scope.clock.now());
  const run: ImportRun = { scope, actor, importId: record.id, ownerId: owner.id, onDuplicate: record.onDuplicate, territory: territoryGate(scope, owner), known: new Map() };
  let batch: ParsedRow[] = [];
  let lastRow = record.doneThroughRow;
  let writing: Promise<void> = Promise.resolve();
  // The next batch is read and checked while the database writes this one; batches still commit in
  // order, each after the one before, whose customers it must see.
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
