import { MONEY_COLUMN, MoneyType, newId, type Money } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { PriceSource, QuoteStatus } from '../../generated/graphql';

/** EXPIRED is never stored: a quote is expired while open past its validity, which moves with the clock. */
export type StoredQuoteStatus = Exclude<QuoteStatus, 'EXPIRED'>;

/**
 * FUN-11's quote for an opportunity's customer. Its lines are priced when entered and kept as
 * quoted, so a later change in the price book never changes a quote the customer holds; the
 * totals are kept with it for lists.
 */
export class Quote {
  [OptionalProps]?: 'id' | 'note' | 'sentAt' | 'acceptedAt' | 'rejectedAt' | 'rejectReason' | 'orderId';
  id: string = newId();
  /** QT and 8 digits from a sequence. */
  number!: string;
  opportunityId!: string;
  /** The opportunity's customer when the quote was drafted. */
  customerId!: string;
  status!: StoredQuoteStatus;
  /** YYYY-MM-DD, Shanghai calendar: the last day it may be accepted. */
  validUntil!: string;
  note: string | null = null;
  /** At book prices. */
  subtotal!: Money;
  /** subtotal - total; negative where a line is quoted above its book price. */
  discountTotal!: Money;
  total!: Money;
  createdById!: string;
  createdAt!: Date;
  sentAt: Date | null = null;
  acceptedAt: Date | null = null;
  rejectedAt: Date | null = null;
  rejectReason: string | null = null;
  /** The order it became when accepted. */
  orderId: string | null = null;
}

const money = { type: MoneyType, columnType: MONEY_COLUMN } as const;

export const QuoteSchema = new EntitySchema<Quote>({
  class: Quote,
  tableName: 'quote',
  properties: {
    id: { type: 'uuid', primary: true },
    number: { type: 'string', defaultRaw: `'QT' || lpad(nextval('quote_number_seq')::text, 8, '0')` },
    opportunityId: { type: 'uuid' },
    customerId: { type: 'uuid' },
    status: { type: 'string' },
    validUntil: { type: 'string', columnType: 'date' },
    note: { type: 'text', nullable: true },
    subtotal: money,
    discountTotal: money,
    total: money,
    createdById: { type: 'uuid' },
    createdAt: { type: 'datetime' },
    sentAt: { type: 'datetime', nullable: true },
    acceptedAt: { type: 'datetime', nullable: true },
    rejectedAt: { type: 'datetime', nullable: true },
    rejectReason: { type: 'text', nullable: true },
    orderId: { type: 'uuid', nullable: true },
  },
});

/** A line as quoted: the book price that day, the discount or agreed price, and what it comes to. */
export class QuoteLine {
  [OptionalProps]?: 'id' | 'mainLine' | 'priceBookId' | 'discountPercent';
  id: string = newId();
  quoteId!: string;
  /** 1, 2, … in the order entered. */
  lineNo!: number;
  productId!: string;
  /** For a warranty or service: the index (from 0) among the quote's lines of the product it is sold with. */
  mainLine: number | null = null;
  quantity!: number;
  bookPrice!: Money;
  priceSource!: PriceSource;
  priceBookId: string | null = null;
  /** As given ("12.50"); null where an agreed unit price was given instead. */
  discountPercent: string | null = null;
  netUnitPrice!: Money;
  amount!: Money;
}

export const QuoteLineSchema = new EntitySchema<QuoteLine>({
  class: QuoteLine,
  tableName: 'quote_line',
  properties: {
    id: { type: 'uuid', primary: true },
    quoteId: { type: 'uuid' },
    lineNo: { type: 'integer' },
    productId: { type: 'uuid' },
    mainLine: { type: 'integer', nullable: true },
    quantity: { type: 'integer' },
    bookPrice: money,
    priceSource: { type: 'string' },
    priceBookId: { type: 'uuid', nullable: true },
    discountPercent: { type: 'string', columnType: 'numeric(5,2)', nullable: true },
    netUnitPrice: money,
    amount: money,
  },
});
