import { MONEY_COLUMN, MoneyType, newId, type Money } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * Prices for a period (Shanghai days, both ends included), for one customer group or, without one,
 * for everyone. Books of the same group never overlap, so at most one applies on any day.
 */
export class PriceBook {
  [OptionalProps]?: 'id' | 'customerGroupId';
  id: string = newId();
  name!: string;
  validFrom!: string;
  validTo!: string;
  /** The group's top customer, as customers' `customer.hierarchy_changed` names its `groupId`. */
  customerGroupId: string | null = null;
  createdAt!: Date;
}

export const PriceBookSchema = new EntitySchema<PriceBook>({
  class: PriceBook,
  tableName: 'price_book',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string' },
    validFrom: { type: 'string', columnType: 'date' },
    validTo: { type: 'string', columnType: 'date' },
    customerGroupId: { type: 'uuid', nullable: true },
    createdAt: { type: 'datetime' },
  },
});

/**
 * One version of a product's price in a book, never updated: a change adds a version, so the old
 * price stays readable. The one in force on a day is the latest whose validFrom is on or before it.
 */
export class PriceBookEntry {
  [OptionalProps]?: 'id';
  id: string = newId();
  priceBookId!: string;
  productId!: string;
  price!: Money;
  validFrom!: string;
  recordedAt!: Date;
  /** Null when the system set it (the demo data). */
  recordedById!: string | null;
}

export const PriceBookEntrySchema = new EntitySchema<PriceBookEntry>({
  class: PriceBookEntry,
  tableName: 'price_book_entry',
  properties: {
    id: { type: 'uuid', primary: true },
    priceBookId: { type: 'uuid' },
    productId: { type: 'uuid' },
    price: { type: MoneyType, columnType: MONEY_COLUMN },
    validFrom: { type: 'string', columnType: 'date' },
    recordedAt: { type: 'datetime' },
    recordedById: { type: 'uuid', nullable: true },
  },
});
