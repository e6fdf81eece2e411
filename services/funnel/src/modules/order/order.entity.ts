import { MONEY_COLUMN, MoneyType, newId, type Money } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { CreditScope, LineAttribution, OrderStatus, PriceSource, ProductKind } from '../../generated/graphql';

/** One limit a credit check met, as kept on the order (CUS-4). */
export interface CreditLimitFigures {
  scope: CreditScope;
  partyId: string;
  limit: string | null;
  exposure: string;
  exposureAfter: string;
  exceeded: boolean;
}

export interface CreditCheckFigures {
  withinLimits: boolean;
  orderAmount: string;
  limits: CreditLimitFigures[];
}

/**
 * FUN-11's order. Its money columns are kept up to date by every change (placement, payment,
 * return, cancellation), so open exposure is one indexed sum, never a walk over lines or payments:
 * openAmount = amount - returnedAmount - paidAmount once placed, and 0 before or after cancellation.
 */
export class Order {
  [OptionalProps]?: 'id' | 'opportunityId' | 'quoteId' | 'note' | 'returnedAmount' | 'returnedCost' | 'paidAmount' | 'openAmount' | 'creditCheck' | 'placedAt' | 'placedOn' | 'dueOn' | 'shippedAt' | 'completedAt' | 'cancelledAt' | 'cancelReason' | 'fullyPaidOn';
  id: string = newId();
  /** SO and 8 digits from a sequence, taken before the insert so the order's events can name it. */
  number!: string;
  status!: OrderStatus;
  customerId!: string;
  shipToId!: string;
  billToId!: string;
  opportunityId: string | null = null;
  quoteId: string | null = null;
  paymentTermDays!: number;
  note: string | null = null;
  amount!: Money;
  cost!: Money;
  returnedAmount!: Money;
  returnedCost!: Money;
  paidAmount!: Money;
  openAmount!: Money;
  creditCheck: CreditCheckFigures | null = null;
  createdById!: string;
  createdAt!: Date;
  placedAt: Date | null = null;
  /** Shanghai calendar days (YYYY-MM-DD). */
  placedOn: string | null = null;
  dueOn: string | null = null;
  shippedAt: Date | null = null;
  completedAt: Date | null = null;
  cancelledAt: Date | null = null;
  cancelReason: string | null = null;
  fullyPaidOn: string | null = null;
}

const money = { type: MoneyType, columnType: MONEY_COLUMN } as const;

export const OrderSchema = new EntitySchema<Order>({
  class: Order,
  tableName: 'sales_order',
  properties: {
    id: { type: 'uuid', primary: true },
    number: { type: 'string' },
    status: { type: 'string' },
    customerId: { type: 'uuid' },
    shipToId: { type: 'uuid' },
    billToId: { type: 'uuid' },
    opportunityId: { type: 'uuid', nullable: true },
    quoteId: { type: 'uuid', nullable: true },
    paymentTermDays: { type: 'integer' },
    note: { type: 'text', nullable: true },
    amount: money,
    cost: money,
    returnedAmount: money,
    returnedCost: money,
    paidAmount: money,
    openAmount: money,
    creditCheck: { type: 'json', nullable: true },
    createdById: { type: 'uuid' },
    createdAt: { type: 'datetime' },
    placedAt: { type: 'datetime', nullable: true },
    placedOn: { type: 'string', columnType: 'date', nullable: true },
    dueOn: { type: 'string', columnType: 'date', nullable: true },
    shippedAt: { type: 'datetime', nullable: true },
    completedAt: { type: 'datetime', nullable: true },
    cancelledAt: { type: 'datetime', nullable: true },
    cancelReason: { type: 'text', nullable: true },
    fullyPaidOn: { type: 'string', columnType: 'date', nullable: true },
  },
});

/**
 * A line as sold: its price, the standard cost snapshotted when entered (ANA-3) and the rep it is
 * credited to (ORG-4), with why. A warranty or service names the line of the product it was sold
 * with and is credited with it (seed 000 §3).
 */
export class OrderLine {
  [OptionalProps]?: 'id' | 'mainLineId' | 'priceBookId' | 'returnedQuantity';
  id: string = newId();
  orderId!: string;
  lineNo!: number;
  productId!: string;
  productKind!: ProductKind;
  /** The product line's code when sold: what the team's map was read for. */
  productLine!: string;
  mainLineId: string | null = null;
  quantity!: number;
  returnedQuantity = 0;
  unitPrice!: Money;
  bookPrice!: Money;
  priceSource!: PriceSource;
  priceBookId: string | null = null;
  amount!: Money;
  unitCost!: Money;
  cost!: Money;
  repId!: string;
  attribution!: LineAttribution;
}

export const OrderLineSchema = new EntitySchema<OrderLine>({
  class: OrderLine,
  tableName: 'sales_order_line',
  properties: {
    id: { type: 'uuid', primary: true },
    orderId: { type: 'uuid' },
    lineNo: { type: 'integer' },
    productId: { type: 'uuid' },
    productKind: { type: 'string' },
    productLine: { type: 'string' },
    mainLineId: { type: 'uuid', nullable: true },
    quantity: { type: 'integer' },
    returnedQuantity: { type: 'integer' },
    unitPrice: money,
    bookPrice: money,
    priceSource: { type: 'string' },
    priceBookId: { type: 'uuid', nullable: true },
    amount: money,
    unitCost: money,
    cost: money,
    repId: { type: 'uuid' },
    attribution: { type: 'string' },
  },
});

/** Goods that came back, reversing exactly their lines' revenue, cost and exposure. */
export class OrderReturn {
  [OptionalProps]?: 'id';
  id: string = newId();
  orderId!: string;
  reason!: string;
  returnedAt!: Date;
  returnedOn!: string;
  amount!: Money;
  cost!: Money;
  refundDue!: Money;
  recordedById!: string;
}

export const OrderReturnSchema = new EntitySchema<OrderReturn>({
  class: OrderReturn,
  tableName: 'sales_order_return',
  properties: {
    id: { type: 'uuid', primary: true },
    orderId: { type: 'uuid' },
    reason: { type: 'text' },
    returnedAt: { type: 'datetime' },
    returnedOn: { type: 'string', columnType: 'date' },
    amount: money,
    cost: money,
    refundDue: money,
    recordedById: { type: 'uuid' },
  },
});

export class OrderReturnLine {
  [OptionalProps]?: 'id';
  id: string = newId();
  returnId!: string;
  lineId!: string;
  quantity!: number;
  amount!: Money;
  cost!: Money;
}

export const OrderReturnLineSchema = new EntitySchema<OrderReturnLine>({
  class: OrderReturnLine,
  tableName: 'sales_order_return_line',
  properties: {
    id: { type: 'uuid', primary: true },
    returnId: { type: 'uuid' },
    lineId: { type: 'uuid' },
    quantity: { type: 'integer' },
    amount: money,
    cost: money,
  },
});

/** The one credit policy (a single row): what placing an order over a limit does. */
export class CreditPolicy {
  id = 1;
  overLimit!: 'REFUSE' | 'HOLD';
  updatedAt!: Date;
}

export const CreditPolicySchema = new EntitySchema<CreditPolicy>({
  class: CreditPolicy,
  tableName: 'credit_policy',
  properties: {
    id: { type: 'integer', primary: true },
    overLimit: { type: 'string' },
    updatedAt: { type: 'datetime' },
  },
});
