import { createScope, entityLoader, sqlRows, fields, findPage, parseInput, requireActor, shanghaiDate, type Actor, type Clock, type Connection, type PageRequest, type RowCondition, type Scope } from '@crm/platform';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { OpportunityStatus, QuoteStatus } from '../../generated/graphql';
import { Opportunity, visibleOpportunities } from '../opportunity';
import { createOrder } from '../order';
import { checkLines, linesInput, priceLines, totalsOf, type PricedLine } from './quote-lines';
import { Quote, QuoteLine, type StoredQuoteStatus } from './quote.entity';
import {
  InvalidQuoteInputException,
  QuoteExpiredException,
  QuoteNotFoundException,
  QuoteOpportunityClosedException,
  QuoteOpportunityNotFoundException,
  QuoteStatusException,
} from './quote.exception';
import { visibleQuotes } from './quote.loaders';
import { quotePermissions } from './quote.permissions';

/** How long a quote holds by default, in Shanghai calendar days. */
const DEFAULT_VALIDITY_DAYS = 30;
const DAY_MS = 86_400_000;

const dayInput = z.iso.date('must be a date YYYY-MM-DD (Shanghai calendar)');
const createInput = z.object({ opportunityId: fields.id('opportunityId'), validUntil: dayInput.nullish(), note: fields.text(1000).nullish(), lines: linesInput });
const updateInput = z.object({ id: fields.id('id'), validUntil: dayInput.nullish(), note: fields.text(1000).nullish(), lines: linesInput.nullish() });
const idInput = z.object({ id: fields.id('id') });
const rejectInput = z.object({ id: fields.id('id'), reason: fields.text(1000) });
const filterInput = z.object({ opportunityId: fields.id('opportunityId').nullish(), status: z.enum(QuoteStatus).nullish() });

const OPEN: readonly StoredQuoteStatus[] = [QuoteStatus.Draft, QuoteStatus.Sent];

const today = (clock: Clock): string => shanghaiDate(clock.now());

/** EXPIRED is derived, never stored: an open quote past its last valid day, as the clock has it now. */
export function statusOf(quote: Quote, clock: Clock): QuoteStatus {
  return OPEN.includes(quote.status) && quote.validUntil < today(clock) ? QuoteStatus.Expired : quote.status;
}

function preparer(scope: Scope): Actor {
  const actor = requireActor(scope.actor);
  quotePermissions.require(actor, 'quote.prepare');
  return actor;
}

/** Asia/Shanghai keeps no daylight saving, so 30 × 24 h from now falls 30 calendar days from today there. */
const defaultValidity = (now: Date): string => shanghaiDate(new Date(now.getTime() + DEFAULT_VALIDITY_DAYS * DAY_MS));

function checkValidity(validUntil: string, now: Date): string {
  if (validUntil < shanghaiDate(now)) throw new InvalidQuoteInputException('validUntil', 'INVALID_VALIDITY', `${validUntil} has passed; a quote is valid until today or later.`);
  return validUntil;
}

async function requireOpenOpportunity(em: EntityManager, actor: Actor, id: string): Promise<Opportunity> {
  const opportunity = await entityLoader(em, Opportunity, visibleOpportunities(actor)).load(id);
  if (!opportunity) throw new QuoteOpportunityNotFoundException(id);
  if (opportunity.status !== OpportunityStatus.Open) throw new QuoteOpportunityClosedException(id, opportunity.status);
  return opportunity;
}

/** Taken before the insert (the column's default is the same sequence), so the audit entry names the quote by it. */
async function nextQuoteNumber(em: EntityManager): Promise<string> {
  const [row] = await sqlRows<{ number: string }>(em, `select 'QT' || lpad(nextval('quote_number_seq')::text, 8, '0') as number`);
  return row!.number;
}

/** What the audit trail keeps of a quote, and of its lines when they are set. */
const snapshot = (quote: Quote) => ({ validUntil: quote.validUntil, note: quote.note, subtotal: quote.subtotal.toString(), discountTotal: quote.discountTotal.toString(), total: quote.total.toString() });
const linesSnapshot = (lines: readonly PricedLine[]) =>
  lines.map((line) => ({ productId: line.productId, quantity: line.quantity, bookPrice: line.bookPrice.toString(), discountPercent: line.discountPercent, netUnitPrice: line.netUnitPrice.toString() }));

function addLines(em: EntityManager, quote: Quote, lines: readonly PricedLine[]): void {
  lines.forEach((line, index) => em.create(QuoteLine, { ...line, quoteId: quote.id, lineNo: index + 1 }));
}

/**
 * FUN-11: a draft quote for an open opportunity the actor sees, for its customer, priced today
 * from the book for the customer's group; valid for 30 days unless validUntil says otherwise.
 */
export async function createQuote(scope: Scope, input: unknown): Promise<Quote> {
  const data = parseInput(createInput, input);
  const terms = checkLines(data.lines);
  const now = scope.clock.now();
  const validUntil = data.validUntil ? checkValidity(data.validUntil, now) : defaultValidity(now);
  const actor = preparer(scope);
  const { em } = scope;
  const opportunity = await requireOpenOpportunity(em, actor, data.opportunityId.toLowerCase());
  const lines = await priceLines(em, opportunity.customerId, terms, shanghaiDate(now));
  const quote = em.create(Quote, {
    ...totalsOf(lines),
    number: await nextQuoteNumber(em),
    opportunityId: opportunity.id,
    customerId: opportunity.customerId,
    status: QuoteStatus.Draft,
    validUntil,
    note: data.note ?? null,
    createdById: actor.userId,
    createdAt: now,
  });
  addLines(em, quote, lines);
  scope.audit({ subjectType: 'Quote', subjectId: quote.id, action: 'quote.created', after: { number: quote.number, opportunityId: quote.opportunityId, ...snapshot(quote), lines: linesSnapshot(lines) } });
  await em.flush();
  return quote;
}

/**
 * The quote to change, locked until the transaction ends so two changes to it never interleave
 * (accepting it twice at once creates one order); NOT_FOUND alike for a quote that does not exist
 * and one the actor may not see.
 */
async function lockVisibleQuote(em: EntityManager, actor: Actor, id: string): Promise<Quote> {
  const visible = visibleQuotes(actor);
  const rows = await sqlRows(em, `select 1 from quote where id = ? and ${visible.sql}`, [id, ...visible.params]);
  if (!rows.length) throw new QuoteNotFoundException(id);
  return em.findOneOrFail(Quote, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
}

/** One change to one quote in one transaction: what it stages (an order too) commits with it or not at all. */
async function changeQuote(scope: Scope, id: string, change: (tx: Scope, quote: Quote) => Promise<void> | void): Promise<Quote> {
  const actor = preparer(scope);
  return scope.em.transactional(async (em) => {
    const quote = await lockVisibleQuote(em, actor, id.toLowerCase());
    await change(createScope({ ...scope, em }), quote);
    return quote;
  });
}

function requireStatus(quote: Quote, allowed: readonly StoredQuoteStatus[], reason: 'QUOTE_NOT_DRAFT' | 'QUOTE_NOT_OPEN'): void {
  if (!allowed.includes(quote.status)) throw new QuoteStatusException(quote.number, quote.status, reason, allowed.join(' or '));
}

function requireNotExpired(scope: Scope, quote: Quote): void {
  if (statusOf(quote, scope.clock) === QuoteStatus.Expired) throw new QuoteExpiredException(quote.number, quote.validUntil);
}

/** A draft changes freely: the fields given overwrite, `lines` replaces them all, priced again today. */
export async function updateQuote(scope: Scope, input: unknown): Promise<Quote> {
  const data = parseInput(updateInput, input);
  const terms = data.lines && checkLines(data.lines);
  const now = scope.clock.now();
  const validUntil = data.validUntil && checkValidity(data.validUntil, now);
  return changeQuote(scope, data.id, async (tx, quote) => {
    requireStatus(quote, [QuoteStatus.Draft], 'QUOTE_NOT_DRAFT');
    const before = snapshot(quote);
    const lines = terms && (await priceLines(tx.em, quote.customerId, terms, shanghaiDate(now)));
    if (lines) {
      // Gone before the new ones are inserted at flush, which (quote_id, line_no) being unique needs.
      await tx.em.nativeDelete(QuoteLine, { quoteId: quote.id });
      addLines(tx.em, quote, lines);
      Object.assign(quote, totalsOf(lines));
    }
    Object.assign(quote, { validUntil: validUntil ?? quote.validUntil, note: data.note ?? quote.note });
    tx.audit({ subjectType: 'Quote', subjectId: quote.id, action: 'quote.updated', before, after: { ...snapshot(quote), ...(lines ? { lines: linesSnapshot(lines) } : {}) } });
  });
}

/** DRAFT → SENT: the customer holds the offer from now until validUntil. */
export async function sendQuote(scope: Scope, input: unknown): Promise<Quote> {
  const { id } = parseInput(idInput, input);
  return changeQuote(scope, id, async (tx, quote) => {
    requireStatus(quote, [QuoteStatus.Draft], 'QUOTE_NOT_DRAFT');
    requireNotExpired(tx, quote);
    Object.assign(quote, { status: QuoteStatus.Sent, sentAt: tx.clock.now() });
    tx.audit({ subjectType: 'Quote', subjectId: quote.id, action: 'quote.sent', before: { status: QuoteStatus.Draft }, after: { status: quote.status } });
    // A stage may require the opportunity's quote (FUN-2's QUOTE_ID): the first one sent is it, unless one was typed in.
    const opportunity = await tx.em.findOneOrFail(Opportunity, { id: quote.opportunityId });
    opportunity.quoteId ??= quote.number;
  });
}

/** The customer declined it; the reason is kept with it and in the audit trail. */
export async function rejectQuote(scope: Scope, input: unknown): Promise<Quote> {
  const data = parseInput(rejectInput, input);
  return changeQuote(scope, data.id, (tx, quote) => {
    requireStatus(quote, OPEN, 'QUOTE_NOT_OPEN');
    const before = { status: quote.status };
    Object.assign(quote, { status: QuoteStatus.Rejected, rejectedAt: tx.clock.now(), rejectReason: data.reason });
    tx.audit({ subjectType: 'Quote', subjectId: quote.id, action: 'quote.rejected', before, after: { status: quote.status }, reason: data.reason });
  });
}

/**
 * FUN-11: an accepted quote becomes an order — a draft for its customer and opportunity with its
 * lines at their net unit prices — in the same transaction, so an order refused leaves the quote
 * open, and a quote accepted once is never accepted again.
 */
export async function acceptQuote(scope: Scope, input: unknown): Promise<Quote> {
  const { id } = parseInput(idInput, input);
  return changeQuote(scope, id, async (tx, quote) => {
    requireStatus(quote, OPEN, 'QUOTE_NOT_OPEN');
    requireNotExpired(tx, quote);
    const lines = await tx.em.find(QuoteLine, { quoteId: quote.id }, { orderBy: { lineNo: 'asc' } });
    const order = await createOrder(
      tx,
      {
        customerId: quote.customerId,
        opportunityId: quote.opportunityId,
        lines: lines.map((line) => ({ productId: line.productId, quantity: line.quantity, unitPrice: line.netUnitPrice, mainLine: line.mainLine })),
      },
      { quoteId: quote.id },
    );
    const before = { status: quote.status };
    Object.assign(quote, { status: QuoteStatus.Accepted, acceptedAt: tx.clock.now(), orderId: order.id });
    tx.audit({ subjectType: 'Quote', subjectId: quote.id, action: 'quote.accepted', before, after: { status: quote.status, orderId: order.id, total: quote.total.toString() } });
  });
}

/** The open statuses are stored; whether one has expired is its validUntil against today. */
function statusCondition(status: QuoteStatus, day: string): RowCondition {
  if (status === QuoteStatus.Expired) return { sql: 'status in (?) and valid_until < ?', params: [OPEN, day] };
  if (OPEN.includes(status)) return { sql: 'status = ? and valid_until >= ?', params: [status, day] };
  return { sql: 'status = ?', params: [status] };
}

/** Quotes the actor sees (as their opportunities), newest first. */
export function listQuotes(scope: Scope, page: PageRequest, rawFilter: unknown): Promise<Connection<Quote>> {
  const filter = parseInput(filterInput, rawFilter ?? {});
  const conditions: RowCondition[] = [visibleQuotes(scope.actor)];
  if (filter.opportunityId) conditions.push({ sql: 'opportunity_id = ?', params: [filter.opportunityId.toLowerCase()] });
  if (filter.status) conditions.push(statusCondition(filter.status, today(scope.clock)));
  return findPage(scope.em, Quote, page, { sql: conditions.map((condition) => `(${condition.sql})`).join(' and '), params: conditions.flatMap((condition) => condition.params) });
}

/** The quote as the actor sees it, for the reads that refuse rather than answer null. */
export async function requireVisibleQuote(scope: Scope, id: string): Promise<Quote> {
  const quote = await entityLoader(scope.em, Quote, visibleQuotes(scope.actor)).load(id.toLowerCase());
  if (!quote) throw new QuoteNotFoundException(id);
  return quote;
}
