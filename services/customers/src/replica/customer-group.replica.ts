import type { EventPayload, Events } from '@crm/events';
import { MONEY_COLUMN, MoneyType, type Money } from '@crm/platform';
import { EntitySchema } from '@mikro-orm/core';

/*
 * A subgraph's replica of customers' customer groups (CUS-4), kept from customers' events: enough
 * to default an order's parties and check its credit locally. Never written by the listing
 * subgraph's own rules. A customer without a row is what customers means by none: the top of its
 * own group, every order party itself, no limit.
 */

/** Where a customer sits: `ancestorIds` top down, `groupId` the top. */
export class CustomerHierarchyReplica {
  customerId!: string;
  parentId!: string | null;
  ancestorIds!: string[];
  groupId!: string;
}

export class CustomerOrderPartiesReplica {
  customerId!: string;
  orderingPartyId!: string;
  shipToId!: string;
  billToId!: string;
}

/** CUSTOMER: the customer's own limit; GROUP: the cap on the group it tops. */
export class CustomerCreditLimitReplica {
  customerId!: string;
  scope!: EventPayload<typeof Events.CustomerCreditLimitSet>['scope'];
  amount!: Money;
}

export const CustomerHierarchyReplicaSchema = new EntitySchema<CustomerHierarchyReplica>({
  class: CustomerHierarchyReplica,
  tableName: 'customer_hierarchy_replica',
  properties: {
    customerId: { type: 'uuid', primary: true },
    parentId: { type: 'uuid', nullable: true },
    ancestorIds: { type: 'string[]', columnType: 'uuid[]' },
    groupId: { type: 'uuid' },
  },
});

export const CustomerOrderPartiesReplicaSchema = new EntitySchema<CustomerOrderPartiesReplica>({
  class: CustomerOrderPartiesReplica,
  tableName: 'customer_order_parties_replica',
  properties: {
    customerId: { type: 'uuid', primary: true },
    orderingPartyId: { type: 'uuid' },
    shipToId: { type: 'uuid' },
    billToId: { type: 'uuid' },
  },
});

export const CustomerCreditLimitReplicaSchema = new EntitySchema<CustomerCreditLimitReplica>({
  class: CustomerCreditLimitReplica,
  tableName: 'customer_credit_limit_replica',
  properties: {
    customerId: { type: 'uuid', primary: true },
    scope: { type: 'string', primary: true },
    amount: { type: MoneyType, columnType: MONEY_COLUMN },
  },
});

export const customerGroupReplicaEntities = [CustomerHierarchyReplicaSchema, CustomerOrderPartiesReplicaSchema, CustomerCreditLimitReplicaSchema];
