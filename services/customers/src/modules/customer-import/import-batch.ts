import { createScope, newId, type Actor, type DomainException, type RowError, type Scope } from '@crm/platform';
import { Contact } from '../contact';
import {
  addressMatchText,
  Customer,
  DuplicateCustomerKeyException,
  findKeyHolders,
  insertCustomers,
  keyId,
  newCustomer,
  recordCustomerCreated,
  type KeyHolder,
} from '../customer';
import { likelyDuplicatesOfMany, type DuplicateCandidate } from '../duplicate-review';
import { CustomerImport, CustomerImportError, type DuplicateHandling } from './customer-import.entity';
import type { ImportContact, ImportRow, ParsedRow } from './import-row';

export interface Tally {
  created: number;
  merged: number;
  skipped: number;
  flagged: number;
  failed: number;
}

/** What a run keeps between batches: who imports for whom, and the customers its rows made or went into. */
export interface ImportRun {
  scope: Scope;
  actor: Actor;
  importId: string;
  ownerId: string;
  onDuplicate: DuplicateHandling;
  /** ORG-3 for the owner, asked once per division (every new customer has the same owner). */
  territory: (divisionCode: string | null) => Promise<DomainException | null>;
  /** By each key id (or name, for rows without keys): the customer an earlier row made or merged into. */
  known: Map<string, { customerId: string; name: string; row: number }>;
}

type Holder = KeyHolder & { value: string };

/** A row without identity keys is one customer with the rows of the same kind and name. */
const identitiesOf = (row: ImportRow) => (row.keys.length ? row.keys.map(keyId) : [`name:${row.customer.kind}:${row.customer.name}`]);

const OUTCOME_OF: Record<DuplicateHandling, 'skipped' | 'flagged'> = { SKIP: 'skipped', FLAG: 'flagged', MERGE: 'skipped' };

/** Everything a batch needs from the database, read before its transaction: key holders, merge targets, likely duplicates. */
async function lookUp(run: ImportRun, rows: readonly ImportRow[]) {
  const em = run.scope.em.fork();
  const fresh = rows.filter((row) => !identitiesOf(row).some((id) => run.known.has(id)));
  const holders = await findKeyHolders(em, run.actor, fresh.flatMap((row) => row.keys));
  const holderOf = (row: ImportRow): Holder | undefined => row.keys.map((key) => holders.get(keyId(key))).find(Boolean);
  const likely = new Map<ImportRow, DuplicateCandidate[]>();
  if (run.onDuplicate === 'SKIP') {
    const unheld = fresh.filter((row) => !holderOf(row));
    const found = await em.transactional((tx) => likelyDuplicatesOfMany(tx, run.actor, unheld.map((row) => row.customer)));
    unheld.forEach((row, i) => likely.set(row, found[i]!));
  }
  return { holderOf, likely };
}

type ContactRow = Omit<Contact, 'landline' | 'birthday' | 'decisionRole'>;

function contactRow(run: ImportRun, customerId: string, contact: ImportContact | null, primary: boolean): ContactRow[] {
  if (!contact) return [];
  const now = run.scope.clock.now();
  return [
    {
      id: newId(),
      customerId,
      name: contact.name,
      title: contact.title ?? null,
      mobile: contact.mobile ?? null,
      email: contact.email ?? null,
      wechatId: contact.wechatId ?? null,
      primary,
      createdById: run.actor.userId,
      createdAt: now,
      updatedAt: now,
    },
  ];
}

const FILLABLE = ['city', 'address', 'industry', 'source'] as const;

/** MERGE: the row fills the customer's empty fields and adds its tags and contact; audited on the customer. */
function mergeInto(scope: Scope, run: ImportRun, customer: Customer, row: ImportRow): ContactRow[] {
  const filled = FILLABLE.filter((field) => customer[field] === null && row.customer[field]);
  const before = Object.fromEntries(filled.map((field) => [field, null]));
  for (const field of filled) Object.assign(customer, { [field]: row.customer[field] });
  if (filled.includes('address')) customer.matchAddress = addressMatchText(customer.address!);
  const tags = [...new Set([...customer.tags, ...(row.customer.tags ?? [])])].slice(0, 30);
  const addedTags = tags.filter((tag) => !customer.tags.includes(tag));
  customer.tags = tags;
  const contacts = contactRow(run, customer.id, row.contact, false);
  scope.audit({
    subjectType: 'Customer',
    subjectId: customer.id,
    action: 'customer.import_merged',
    before,
    after: { importId: run.importId, row: row.row, ...Object.fromEntries(filled.map((field) => [field, customer[field]])), addedTags, contactId: contacts[0]?.id ?? null },
  });
  return contacts;
}

type Decision =
  | { to: 'create' }
  /** Into the customer an earlier row of the file made or merged into. */
  | { to: 'join'; customerId: string; name: string }
  | { to: 'merge'; customer: Customer }
  | { to: 'report'; tally: 'skipped' | 'flagged' | 'failed'; code: string; message: string };

interface Found {
  holderOf(row: ImportRow): Holder | undefined;
  likely: Map<ImportRow, DuplicateCandidate[]>;
  mergeTargets: Map<string, Customer>;
}

/** Where a valid row goes: the file's own duplicates first, then the system's exact, then likely ones, then ORG-3. */
async function decide(run: ImportRun, row: ImportRow, found: Found): Promise<Decision> {
  const earlier = identitiesOf(row).map((id) => run.known.get(id)).find(Boolean);
  if (earlier && (earlier.name === row.customer.name || run.onDuplicate === 'MERGE')) return { to: 'join', customerId: earlier.customerId, name: earlier.name };
  if (earlier) {
    return { to: 'report', tally: OUTCOME_OF[run.onDuplicate], code: 'DUPLICATE_IN_FILE', message: `Row ${earlier.row} of the file has the same identity key under another name (${earlier.name}).` };
  }
  const holder = found.holderOf(row);
  const target = holder && found.mergeTargets.get(holder.customer_id);
  if (target) return { to: 'merge', customer: target };
  if (holder) {
    const existing = new DuplicateCustomerKeyException(holder.kind, holder.visible ? { id: holder.customer_id, name: holder.name } : null, holder.owner_name, holder.owner_unit);
    return { to: 'report', tally: OUTCOME_OF[run.onDuplicate], code: run.onDuplicate === 'MERGE' ? 'DUPLICATE_NOT_VISIBLE' : 'DUPLICATE_CUSTOMER_KEY', message: existing.message };
  }
  const similar = found.likely.get(row)?.[0];
  if (similar) {
    const whom = similar.visible ? similar.customerId : `one owned by ${similar.ownerName ?? 'someone else'}`;
    return { to: 'report', tally: 'skipped', code: 'LIKELY_DUPLICATE', message: `Likely the same customer as ${whom} (similarity ${similar.score}); skipped.` };
  }
  const outOfTerritory = await run.territory(row.customer.divisionCode);
  if (outOfTerritory) return { to: 'report', tally: 'failed', code: String(outOfTerritory.extensions.reason), message: outOfTerritory.message };
  return { to: 'create' };
}

function splitParsed(parsed: readonly ParsedRow[]): { rows: ImportRow[]; errors: RowError[]; failed: number } {
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  for (const result of parsed) {
    if (result.ok) rows.push(result.row);
    else errors.push(...result.errors);
  }
  return { rows, errors, failed: parsed.length - rows.length };
}

/**
 * One batch in one transaction: its customers, keys, contacts and customer.created events, its
 * merges, its rows' errors and the import's counts commit together or not at all.
 */
export async function importBatch(run: ImportRun, parsed: readonly ParsedRow[], throughRow: number): Promise<Tally> {
  const { rows, errors, failed } = splitParsed(parsed);
  const tally: Tally = { created: 0, merged: 0, skipped: 0, flagged: 0, failed };
  const { holderOf, likely } = await lookUp(run, rows);
  await run.scope.em.fork().transactional(async (tx) => {
    const scope = createScope({ ...run.scope, em: tx });
    const targetIds = run.onDuplicate === 'MERGE' ? rows.flatMap((row) => (holderOf(row)?.visible ? [holderOf(row)!.customer_id] : [])) : [];
    const mergeTargets = new Map((await tx.find(Customer, { id: { $in: targetIds } })).map((customer) => [customer.id, customer]));
    // Written as a few multi-row inserts after the loop, customers first (contacts point at them).
    const created: { customer: Customer; keys: ImportRow['keys'] }[] = [];
    const contacts: ContactRow[] = [];
    const remember = (row: ImportRow, customerId: string, name: string) => {
      for (const id of identitiesOf(row)) if (!run.known.has(id)) run.known.set(id, { customerId, name, row: row.row });
    };
    for (const row of rows) {
      const decision = await decide(run, row, { holderOf, likely, mergeTargets });
      if (decision.to === 'report') {
        tally[decision.tally] += 1;
        errors.push({ row: row.row, column: null, code: decision.code, message: decision.message, values: row.cells });
      } else if (decision.to === 'join') {
        contacts.push(...contactRow(run, decision.customerId, row.contact, false));
        remember(row, decision.customerId, decision.name);
        tally.merged += 1;
      } else if (decision.to === 'merge') {
        contacts.push(...mergeInto(scope, run, decision.customer, row));
        remember(row, decision.customer.id, decision.customer.name);
        tally.merged += 1;
      } else {
        const customer = newCustomer(scope, row.customer, run.ownerId);
        created.push({ customer, keys: row.keys });
        contacts.push(...contactRow(run, customer.id, row.contact, true));
        recordCustomerCreated(scope, customer);
        remember(row, customer.id, customer.name);
        tally.created += 1;
      }
    }
    await insertCustomers(tx, created);
    if (contacts.length) await tx.insertMany(Contact, contacts.map((contact) => Object.assign(new Contact(), contact)));
    errors.sort((a, b) => a.row - b.row);
    if (errors.length) await tx.insertMany(CustomerImportError, errors.map((error) => Object.assign(new CustomerImportError(), { importId: run.importId, ...error, values: [...error.values] })));
    const record = await tx.findOneOrFail(CustomerImport, { id: run.importId });
    for (const key of Object.keys(tally) as (keyof Tally)[]) record[key] += tally[key];
    record.rows += parsed.length;
    record.doneThroughRow = throughRow;
  });
  return tally;
}
