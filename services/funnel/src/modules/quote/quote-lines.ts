import { creditLimitsOf } from '@crm/customers/replica';
import { fields, Money } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import type { PriceSource } from '../../generated/graphql';
import { moneyInput, priceOf, pricesFor, productsForSale, type ResolvedPrice } from '../product';
import { InvalidQuoteInputException } from './quote.exception';

export const MAX_QUOTE_LINES = 200;

export const linesInput = z
  .array(
    z.object({
      productId: fields.id('productId'),
      quantity: z.number().int(),
      discountPercent: fields.text(10).nullish(),
      unitPrice: moneyInput.nullish(),
      mainLine: z.number().int().nullish(),
    }),
  )
  .min(1, 'a quote has at least one line')
  .max(MAX_QUOTE_LINES, `at most ${MAX_QUOTE_LINES} lines`);

type LineInput = z.infer<typeof linesInput>[number];

/** A line's terms, checked before anything is read. The discount is in hundredths of a percent (1250 is 12.5 %): whole numbers, never a float. */
export interface LineTerms {
  productId: string;
  quantity: number;
  mainLine: number | null;
  discount: number | null;
  unitPrice: Money | null;
}

/** A line as quoted: the fields of a QuoteLine. */
export interface PricedLine {
  productId: string;
  quantity: number;
  mainLine: number | null;
  bookPrice: Money;
  priceSource: PriceSource;
  priceBookId: string | null;
  discountPercent: string | null;
  netUnitPrice: Money;
  amount: Money;
}

const PERCENT = /^(?:100(?:\.0{1,2})?|\d{1,2}(?:\.\d{1,2})?)$/;

function discountOf(text: string, field: string): number {
  if (!PERCENT.test(text)) throw new InvalidQuoteInputException(field, 'INVALID_DISCOUNT', `${JSON.stringify(text)} is not a discount; give a percent from 0 to 100 with at most 2 decimals, e.g. "12.5".`);
  const [whole, fraction = ''] = text.split('.') as [string, string?];
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

const percentText = (hundredths: number): string => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;

/** What is left to pay of the book price, as the decimal factor Money multiplies by exactly: 12.5 % off is "0.8750". */
function remainingFactor(hundredths: number): string {
  const rest = 10_000 - hundredths;
  return `${Math.floor(rest / 10_000)}.${String(rest % 10_000).padStart(4, '0')}`;
}

function termsOf(line: LineInput, index: number): LineTerms {
  const field = (name: string) => `lines.${index}.${name}`;
  if (line.quantity < 1) throw new InvalidQuoteInputException(field('quantity'), 'INVALID_QUANTITY', `${line.quantity} is not a quantity; quote 1 or more.`);
  if (line.discountPercent != null && line.unitPrice != null) {
    throw new InvalidQuoteInputException(field('discountPercent'), 'INVALID_DISCOUNT', 'give a discount or an agreed unit price, not both.');
  }
  return {
    productId: line.productId.toLowerCase(),
    quantity: line.quantity,
    mainLine: line.mainLine ?? null,
    discount: line.discountPercent == null ? null : discountOf(line.discountPercent, field('discountPercent')),
    unitPrice: line.unitPrice == null ? null : priceOf(line.unitPrice, field('unitPrice')),
  };
}

/** Quantities, discounts and agreed prices are checked before anything is read. */
export const checkLines = (lines: readonly LineInput[]): LineTerms[] => lines.map(termsOf);

function pricedLine(line: LineTerms, price: ResolvedPrice): PricedLine {
  const netUnitPrice = line.unitPrice ?? (line.discount === null ? price.price : price.price.times(remainingFactor(line.discount)));
  return {
    productId: line.productId,
    quantity: line.quantity,
    mainLine: line.mainLine,
    bookPrice: price.price,
    priceSource: price.source,
    priceBookId: price.priceBookId,
    discountPercent: line.discount === null ? null : percentText(line.discount),
    netUnitPrice,
    amount: netUnitPrice.times(line.quantity),
  };
}

/** The top customer of the customer's group, whose price book applies (the customer itself outside any group). */
const groupOf = async (em: EntityManager, customerId: string): Promise<string> => (await creditLimitsOf(em, customerId)).group.groupId;

/**
 * FUN-11: each line at the price book's price for the customer's group on the day, less its
 * discount rounded once to the fen, or at its agreed unit price; the products must be sold, and a
 * warranty or service sold with a product line of the quote it attaches to.
 */
export async function priceLines(em: EntityManager, customerId: string, lines: readonly LineTerms[], on: string): Promise<PricedLine[]> {
  await productsForSale(em, lines);
  const customerGroupId = await groupOf(em, customerId);
  const prices = await pricesFor(em, lines.map((line) => ({ productId: line.productId, customerGroupId, on })));
  return lines.map((line, index) => pricedLine(line, prices[index]!));
}

export interface QuoteTotals {
  subtotal: Money;
  discountTotal: Money;
  total: Money;
}

/** Sums of exact amounts, so the totals are exact too: subtotal - discountTotal is total to the fen. */
export function totalsOf(lines: readonly Pick<PricedLine, 'bookPrice' | 'quantity' | 'amount'>[]): QuoteTotals {
  const subtotal = Money.sum(lines.map((line) => line.bookPrice.times(line.quantity)));
  const total = Money.sum(lines.map((line) => line.amount));
  return { subtotal, discountTotal: subtotal.minus(total), total };
}

/** A rate as Money.ratio gives it ("0.1250") in percent ("12.50"), by moving the point: no float. */
function rateAsPercent(rate: string): string {
  const [, sign, whole, hundredths, rest] = /^(-?)(\d+)\.(\d{2})(\d{2})$/.exec(rate)!;
  return `${sign}${BigInt(`${whole}${hundredths}`)}.${rest}`;
}

/** The discount as given, or as an agreed unit price makes it off the book price; null off a book price of 0. */
export function discountPercentOf(line: Pick<PricedLine, 'discountPercent' | 'bookPrice' | 'netUnitPrice'>): string | null {
  if (line.discountPercent !== null) return line.discountPercent;
  const rate = line.bookPrice.minus(line.netUnitPrice).ratio(line.bookPrice);
  return rate === null ? null : rateAsPercent(rate);
}
