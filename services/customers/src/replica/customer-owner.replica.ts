import { EntitySchema } from '@mikro-orm/core';

/**
 * A subgraph's replica of who owns and shares each customer, kept from customers' events
 * (customers owns the truth): records that refer to a customer are checked, seen and routed by it.
 * Never written by the listing subgraph's own rules.
 */
export class CustomerOwnerReplica {
  customerId!: string;
  ownerId!: string;
  secondaryOwnerId!: string | null;
  salesTeamId!: string | null;
  /** Where the customer is (GB/T 2260), for territory checks; null where customers had none. */
  divisionCode!: string | null;
}

export const CustomerOwnerReplicaSchema = new EntitySchema<CustomerOwnerReplica>({
  class: CustomerOwnerReplica,
  // The table's name predates the kit (service kept it first): existing databases keep their rows.
  tableName: 'customer_owner',
  properties: {
    customerId: { type: 'uuid', primary: true },
    ownerId: { type: 'uuid' },
    secondaryOwnerId: { type: 'uuid', nullable: true },
    salesTeamId: { type: 'uuid', nullable: true },
    divisionCode: { type: 'string', nullable: true },
  },
});
