import { createScope, fields, findPage, parseInput, requireActor, shanghaiDate, type Connection, type Money, type PageRequest, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { dayInput, moneyInput, priceOf } from './catalogue-write';
import { PriceBook, PriceBookEntry } from './price-book.entity';
import { Product } from './product.entity';
import { CatalogueNotFoundException, InvalidProductInputException, OverlappingPriceBookException } from './product.exception';
import { productPermissions } from './product.permissions';

export const MAX_ENTRIES = 1000;

const entriesInput = z.array(z.object({ productId: fields.id('productId'), price: moneyInput })).max(MAX_ENTRIES, `at most ${MAX_ENTRIES} prices at once`);

const createInput = z.object({
  name: fields.text(100),
  validFrom: dayInput,
  validTo: dayInput,
  customerGroupId: fields.id('customerGroupId').nullish(),
  entries: entriesInput.nullish(),
});

const setEntriesInput = z.object({ priceBookId: fields.id('priceBookId'), entries: entriesInput.min(1, 'give at least one price') });

interface PriceInput {
  productId: string;
  price: Money;
}

/** Prices checked before anything is loaded: exact, not negative, one per product. */
function checkPrices(entries: readonly { productId: string; price: Money | string }[]): PriceInput[] {
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const productId = entry.productId.toLowerCase();
    if (seen.has(productId)) throw new InvalidProductInputException(`entries.${index}.productId`, 'DUPLICATE_ENTRY', `${entry.productId} is priced twice; give each product once.`);
    seen.add(productId);
    return { productId, price: priceOf(entry.price, `entries.${index}.price`) };
  });
}

async function requireProducts(em: EntityManager, entries: readonly PriceInput[]): Promise<void> {
  const found = new Set((await em.find(Product, { id: { $in: entries.map((entry) => entry.productId) } }, { fields: ['id'] })).map((product) => product.id));
  const missing = entries.findIndex((entry) => !found.has(entry.productId));
  if (missing >= 0) throw new CatalogueNotFoundException(`entries.${missing}.productId`, 'UNKNOWN_PRODUCT', entries[missing]!.productId);
}

/** New versions, never an update: the price they replace stays readable in the book's history. */
function addVersions(scope: Scope, book: PriceBook, entries: readonly PriceInput[], validFrom: string): void {
  for (const entry of entries) {
    scope.em.create(PriceBookEntry, { priceBookId: book.id, productId: entry.productId, price: entry.price, validFrom, recordedAt: scope.clock.now(), recordedById: scope.actor?.userId ?? null });
  }
}

const pricesByProduct = (entries: readonly PriceInput[]) => Object.fromEntries(entries.map((entry) => [entry.productId, entry.price.toString()]));

/**
 * Books of one group (or general books) are created one at a time, so two overlapping ones cannot
 * both pass the check; the lock ends with the transaction.
 */
async function lockBooksOf(em: EntityManager, customerGroupId: string | null): Promise<void> {
  await em.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [`price_book:${customerGroupId ?? 'general'}`], 'all', em.getTransactionContext());
}

/** FUN-11: a price book for a period, for one customer group or for everyone; its prices start on its first day. */
export async function createPriceBook(scope: Scope, input: unknown): Promise<PriceBook> {
  const data = parseInput(createInput, input);
  if (data.validTo < data.validFrom) throw new InvalidProductInputException('validTo', 'INVALID_VALIDITY', `${data.validTo} is before validFrom ${data.validFrom}.`);
  const entries = checkPrices(data.entries ?? []);
  productPermissions.require(requireActor(scope.actor), 'product.define');
  const customerGroupId = data.customerGroupId?.toLowerCase() ?? null;
  return scope.em.transactional(async (em) => {
    const tx = createScope({ ...scope, em });
    await lockBooksOf(em, customerGroupId);
    const overlapping = await em.findOne(PriceBook, { customerGroupId, validFrom: { $lte: data.validTo }, validTo: { $gte: data.validFrom } });
    if (overlapping) throw new OverlappingPriceBookException(overlapping);
    if (entries.length) await requireProducts(em, entries);
    const book = em.create(PriceBook, { name: data.name, validFrom: data.validFrom, validTo: data.validTo, customerGroupId, createdAt: scope.clock.now() });
    addVersions(tx, book, entries, book.validFrom);
    tx.audit({
      subjectType: 'PriceBook',
      subjectId: book.id,
      action: 'price_book.created',
      after: { name: book.name, validFrom: book.validFrom, validTo: book.validTo, customerGroupId, prices: pricesByProduct(entries) },
    });
    return book;
  });
}

/**
 * Sets prices in a book from today (its first day, if it has not started yet); the versions they
 * replace stay, so a day before today still resolves to the old price. A book that has ended is
 * history and refused with INVALID_VALIDITY.
 */
export async function setPriceBookEntries(scope: Scope, input: unknown): Promise<PriceBook> {
  const data = parseInput(setEntriesInput, input);
  const entries = checkPrices(data.entries);
  productPermissions.require(requireActor(scope.actor), 'product.define');
  const book = await scope.em.findOne(PriceBook, { id: data.priceBookId });
  if (!book) throw new CatalogueNotFoundException('priceBookId', 'UNKNOWN_PRICE_BOOK', data.priceBookId);
  const today = shanghaiDate(scope.clock.now());
  if (book.validTo < today) throw new InvalidProductInputException('priceBookId', 'INVALID_VALIDITY', `price book ${book.name} ended on ${book.validTo}; create a new one for new prices.`);
  await requireProducts(scope.em, entries);
  const validFrom = book.validFrom > today ? book.validFrom : today;
  const before = await currentPrices(scope.em, book.id, entries);
  addVersions(scope, book, entries, validFrom);
  scope.audit({ subjectType: 'PriceBook', subjectId: book.id, action: 'price_book.prices_set', before: { prices: before }, after: { validFrom, prices: pricesByProduct(entries) } });
  await scope.em.flush();
  return book;
}

/** The latest version of each product's price in the book, for the audit entry's "before"; null where it had none. */
async function currentPrices(em: EntityManager, priceBookId: string, entries: readonly PriceInput[]): Promise<Record<string, string | null>> {
  const rows = (await em.getConnection().execute(
    `select distinct on (product_id) product_id, price::text from price_book_entry
      where price_book_id = ? and product_id in (?) order by product_id, valid_from desc, id desc`,
    [priceBookId, entries.map((entry) => entry.productId)],
  )) as { product_id: string; price: string }[];
  const prices = new Map(rows.map((row) => [row.product_id, row.price]));
  return Object.fromEntries(entries.map((entry) => [entry.productId, prices.get(entry.productId) ?? null]));
}

/** Newest first; everyone signed in reads them (a rep quotes from them). */
export const listPriceBooks = (em: EntityManager, page: PageRequest): Promise<Connection<PriceBook>> => findPage(em, PriceBook, page);
