import { MONEY_COLUMN, MoneyType, newId, type Money } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { PaymentMethod } from '../../generated/graphql';

/**
 * Money received from a settlement (bill-to) party. Never changed once recorded: what it settled
 * is in its allocations, and `unapplied` is the rest, kept on account.
 */
export class Payment {
  [OptionalProps]?: 'id' | 'reference';
  id: string = newId();
  payerId!: string;
  amount!: Money;
  /** Shanghai calendar day (YYYY-MM-DD). */
  receivedOn!: string;
  method!: PaymentMethod;
  reference: string | null = null;
  unapplied!: Money;
  recordedById!: string;
  recordedAt!: Date;
}

const money = { type: MoneyType, columnType: MONEY_COLUMN } as const;

export const PaymentSchema = new EntitySchema<Payment>({
  class: Payment,
  tableName: 'payment',
  properties: {
    id: { type: 'uuid', primary: true },
    payerId: { type: 'uuid' },
    amount: money,
    receivedOn: { type: 'string', columnType: 'date' },
    method: { type: 'string' },
    reference: { type: 'string', nullable: true },
    unapplied: money,
    recordedById: { type: 'uuid' },
    recordedAt: { type: 'datetime' },
  },
});

/** The part of a payment that settles one order. */
export class PaymentAllocation {
  [OptionalProps]?: 'id';
  id: string = newId();
  paymentId!: string;
  orderId!: string;
  amount!: Money;
}

export const PaymentAllocationSchema = new EntitySchema<PaymentAllocation>({
  class: PaymentAllocation,
  tableName: 'payment_allocation',
  properties: {
    id: { type: 'uuid', primary: true },
    paymentId: { type: 'uuid' },
    orderId: { type: 'uuid' },
    amount: money,
  },
});
