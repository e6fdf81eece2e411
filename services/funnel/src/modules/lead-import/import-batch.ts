import { createScope, type Actor, type RowError, type Scope } from '@crm/platform';
import { LeadStatus } from '../../generated/graphql';
import { cleanIntake, findMatches, identitiesOf, judge, Lead, markVerified, newLead, recordLeadCreated, type CleaningNote, type CleanLead, type InvalidPhoneHandling, type Verdict } from '../lead';
import { LeadImport, LeadImportError, TALLIES, type Tally } from './lead-import.entity';
import type { ImportField, ImportRow, ParsedRow } from './import-row';

/** What a run keeps between batches: who imports for whom, how, and the identities earlier rows had. */
export interface ImportRun {
  scope: Scope;
  actor: Actor;
  importId: string;
  ownerId: string;
  onInvalidPhone: InvalidPhoneHandling;
  verify: boolean;
  /** The rep the next verified lead goes to; null when the import does not distribute. */
  nextRep: (() => string) | null;
  columnOf(field: ImportField): string | null;
  /** By identity (lead-cleaning's identitiesOf): the row of the file that first had it. */
  known: Map<string, number>;
}

const reportOf = (run: ImportRun, row: ImportRow, note: CleaningNote, addendum = ''): RowError => ({
  row: row.row,
  column: note.field ? run.columnOf(note.field as ImportField) : null,
  code: note.code,
  message: note.message + addendum,
  values: row.cells,
});

function outcomeOf(verdict: Verdict, lead: CleanLead): keyof Tally {
  if (verdict.status === LeadStatus.MatchedCustomer) return 'matchedCustomer';
  if (verdict.status === LeadStatus.Duplicate) return 'matchedOpenLead';
  return lead.notes.length ? 'flagged' : 'created';
}

/** The data-free part of cleaning, and the file's own duplicates collapsed into their first row. */
function sift(run: ImportRun, parsed: readonly ParsedRow[], tally: Tally, errors: RowError[]): { row: ImportRow; lead: CleanLead }[] {
  const kept: { row: ImportRow; lead: CleanLead }[] = [];
  for (const result of parsed) {
    if (!result.ok) {
      tally.failed += 1;
      errors.push(...result.errors);
      continue;
    }
    const { row } = result;
    const cleaned = cleanIntake(row.intake, run.onInvalidPhone);
    if (!cleaned.ok) {
      tally.removed += 1;
      errors.push(...cleaned.removed.map((note) => reportOf(run, row, note, ' The row is not imported.')));
      continue;
    }
    const ids = identitiesOf(cleaned.lead);
    const earlier = ids.map((id) => run.known.get(id)).find((n) => n !== undefined);
    if (earlier !== undefined) {
      tally.collapsed += 1;
      errors.push({ row: row.row, column: null, code: 'DUPLICATE_IN_FILE', message: `Row ${earlier} of the file is the same lead (same mobile, USCC or company name); this row is left out.`, values: row.cells });
      continue;
    }
    for (const id of ids) run.known.set(id, row.row);
    kept.push({ row, lead: cleaned.lead });
  }
  return kept;
}

/** A clean new lead of a pre-verified list is verified as it arrives, and goes to its rep if the import distributes. */
function settle(scope: Scope, run: ImportRun, lead: Lead, clean: boolean, tally: Tally): void {
  if (!clean || !run.verify) {
    recordLeadCreated(scope, lead);
    return;
  }
  if (run.nextRep) {
    lead.ownerId = run.nextRep();
    tally.distributed += 1;
  }
  recordLeadCreated(scope, lead);
  markVerified(scope, lead, run.actor.userId);
  tally.verified += 1;
}

/**
 * One batch in one transaction: its leads and their events, its rows' reports and the import's
 * counts commit together or not at all.
 */
export async function importBatch(run: ImportRun, parsed: readonly ParsedRow[], throughRow: number): Promise<void> {
  const tally = Object.fromEntries(TALLIES.map((key) => [key, 0])) as Tally;
  const errors: RowError[] = [];
  const kept = sift(run, parsed, tally, errors);
  await run.scope.em.fork().transactional(async (tx) => {
    const scope = createScope({ ...run.scope, em: tx });
    const matches = await findMatches(tx, run.actor, kept.map(({ lead }) => lead));
    const leads = kept.map(({ row, lead }) => {
      const verdict = judge(lead, matches);
      const created = newLead(scope, { title: row.title, source: row.source, ownerId: run.ownerId }, lead, verdict);
      errors.push(...created.cleaningNotes.map((note) => reportOf(run, row, note)));
      const outcome = outcomeOf(verdict, lead);
      tally[outcome] += 1;
      settle(scope, run, created, outcome === 'created', tally);
      return created;
    });
    if (leads.length) await tx.insertMany(Lead, leads);
    errors.sort((a, b) => a.row - b.row);
    if (errors.length) await tx.insertMany(LeadImportError, errors.map((error) => Object.assign(new LeadImportError(), { importId: run.importId, ...error, values: [...error.values] })));
    const record = await tx.findOneOrFail(LeadImport, { id: run.importId });
    for (const key of TALLIES) record[key] += tally[key];
    record.rows += parsed.length;
    record.doneThroughRow = throughRow;
  });
}
