import { fields, Money, parseInput, shanghaiDate, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { PriceSource } from '../../generated/graphql';
import { dayInput } from './catalogue-write';
import { CatalogueNotFoundException } from './product.exception';

export interface PriceRequest {
  productId: string;
  /** The top customer of the buyer's group (customers' `groupId`); null for a buyer in no group. */
  customerGroupId?: string | null;
  /** YYYY-MM-DD, Shanghai calendar: the day the price is for (an order's or a quote's date). */
  on: string;
}

export interface ResolvedPrice {
  productId: string;
  on: string;
  price: Money;
  /** The product's standard cost now, which an order line snapshots for its forecast margin (ANA-3). */
  standardCost: Money;
  source: PriceSource;
  /** The price book the price came from; null for the list price. */
  priceBookId: string | null;
}

export const MAX_PRICE_REQUESTS = 10_000;

const requestsInput = z
  .array(z.object({ productId: fields.id('productId'), customerGroupId: fields.id('customerGroupId').nullish(), on: dayInput }))
  .max(MAX_PRICE_REQUESTS, `at most ${MAX_PRICE_REQUESTS} prices at once`);

/** The latest version of the product's price in the book of `books` in force on the day, if any. */
const inForce = (books: string) => `
  select e.price, e.price_book_id from price_book b join price_book_entry e on e.price_book_id = b.id
   where ${books} and b.valid_from <= r.on_day and b.valid_to >= r.on_day
     and e.product_id = r.product_id and e.valid_from <= r.on_day
   order by e.valid_from desc, e.id desc limit 1`;

const PRICES_SQL = `
  select r.n, p.standard_cost, p.list_price,
         g.price as group_price, g.price_book_id as group_book_id,
         d.price as general_price, d.price_book_id as general_book_id
    from unnest(array[?]::uuid[], array[?]::uuid[], array[?]::date[]) with ordinality as r(product_id, group_id, on_day, n)
    join product p on p.id = r.product_id
    left join lateral (${inForce('b.customer_group_id = r.group_id')}) g on true
    left join lateral (${inForce('b.customer_group_id is null')}) d on true`;

interface PriceRow {
  n: string;
  standard_cost: string;
  list_price: string;
  group_price: string | null;
  group_book_id: string | null;
  general_price: string | null;
  general_book_id: string | null;
}

function resolved(request: PriceRequest, row: PriceRow): ResolvedPrice {
  const base = { productId: request.productId, on: request.on, standardCost: Money.fromNumeric(row.standard_cost) };
  if (row.group_price !== null) return { ...base, price: Money.fromNumeric(row.group_price), source: PriceSource.GroupPriceBook, priceBookId: row.group_book_id };
  if (row.general_price !== null) return { ...base, price: Money.fromNumeric(row.general_price), source: PriceSource.GeneralPriceBook, priceBookId: row.general_book_id };
  return { ...base, price: Money.fromNumeric(row.list_price), source: PriceSource.ListPrice, priceBookId: null };
}

async function resolvePrices(em: EntityManager, requests: readonly PriceRequest[], fieldOf: (index: number) => string): Promise<ResolvedPrice[]> {
  const valid = parseInput(requestsInput, requests);
  if (!valid.length) return [];
  const params = [valid.map((r) => r.productId), valid.map((r) => r.customerGroupId ?? null), valid.map((r) => r.on)];
  const rows = (await em.getConnection().execute(PRICES_SQL, params, 'all', em.getTransactionContext())) as PriceRow[];
  const byIndex = new Map(rows.map((row) => [Number(row.n) - 1, row]));
  return valid.map((request, index) => {
    const row = byIndex.get(index);
    if (!row) throw new CatalogueNotFoundException(fieldOf(index), 'UNKNOWN_PRODUCT', request.productId);
    return resolved(request, row);
  });
}

/**
 * FUN-11's pricing rule, for many lines in one statement (an order's, a quote's, a batch of
 * orders'): for each product, the group's price book in force on the day, else the general one,
 * else the product's list price; a book without the product falls through to the next. The answers
 * come in the order asked; a product that does not exist is NOT_FOUND naming its index. It runs in
 * the caller's transaction, so an order priced and placed sees one catalogue.
 */
export const pricesFor = (em: EntityManager, requests: readonly PriceRequest[]): Promise<ResolvedPrice[]> => resolvePrices(em, requests, (index) => `${index}.productId`);

/** The price of one product; see pricesFor. */
export async function priceFor(em: EntityManager, request: PriceRequest): Promise<ResolvedPrice> {
  return (await resolvePrices(em, [request], () => 'productId'))[0]!;
}

const priceArgs = z.object({ productId: fields.id('productId'), customerGroupId: fields.id('customerGroupId').nullish(), on: dayInput.nullish() });

/** The productPrice query: the day defaults to today on the Shanghai calendar. */
export function priceOn(scope: Scope, args: unknown): Promise<ResolvedPrice> {
  const data = parseInput(priceArgs, args);
  return priceFor(scope.em, { ...data, on: data.on ?? shanghaiDate(scope.clock.now()) });
}
