import { MONEY_COLUMN, MoneyType, type Money } from '@crm/platform';
import { EntitySchema } from '@mikro-orm/core';
import type { CreditLimitScope } from '../../generated/graphql';

/**
 * Where a customer sits in its group (CUS-4). A customer without a row is alone: no parent, the top
 * of its own group. `ancestorIds` (top down, without itself) makes ancestors one read and
 * descendants one indexed `ancestor_ids @> {id}`; `groupId` is the top (itself at the top).
 */
export class CustomerLink {
  customerId!: string;
  parentId: string | null = null;
  ancestorIds: string[] = [];
  groupId!: string;
}

export const CustomerLinkSchema = new EntitySchema<CustomerLink>({
  class: CustomerLink,
  tableName: 'customer_link',
  properties: {
    customerId: { type: 'uuid', primary: true },
    parentId: { type: 'uuid', nullable: true },
    ancestorIds: { type: 'string[]', columnType: 'uuid[]' },
    groupId: { type: 'uuid' },
  },
});

/** The parties an order by a customer defaults to; without a row, all three are the customer itself. */
export class CustomerOrderDefaults {
  customerId!: string;
  orderingPartyId!: string;
  shipToId!: string;
  billToId!: string;
}

export const CustomerOrderDefaultsSchema = new EntitySchema<CustomerOrderDefaults>({
  class: CustomerOrderDefaults,
  tableName: 'customer_order_defaults',
  properties: {
    customerId: { type: 'uuid', primary: true },
    orderingPartyId: { type: 'uuid' },
    shipToId: { type: 'uuid' },
    billToId: { type: 'uuid' },
  },
});

/** A credit limit: a customer's own (CUSTOMER), or the cap on its group (GROUP, on the group's top only). */
export class CustomerCreditLimit {
  customerId!: string;
  scope!: CreditLimitScope;
  amount!: Money;
}

export const CustomerCreditLimitSchema = new EntitySchema<CustomerCreditLimit>({
  class: CustomerCreditLimit,
  tableName: 'customer_credit_limit',
  properties: {
    customerId: { type: 'uuid', primary: true },
    scope: { type: 'string', primary: true },
    amount: { type: MoneyType, columnType: MONEY_COLUMN },
  },
});
