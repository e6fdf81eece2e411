import { EntitySchema } from '@mikro-orm/core';

/**
 * service's replica of who shares each customer, kept from customers' events (customers owns the
 * truth): complaints are visible through it and routed by it. Never written by service's own rules.
 */
export class CustomerOwnerReplica {
  customerId!: string;
  ownerId!: string;
  secondaryOwnerId!: string | null;
  salesTeamId!: string | null;
}

export const CustomerOwnerReplicaSchema = new EntitySchema<CustomerOwnerReplica>({
  class: CustomerOwnerReplica,
  tableName: 'customer_owner',
  properties: {
    customerId: { type: 'uuid', primary: true },
    ownerId: { type: 'uuid' },
    secondaryOwnerId: { type: 'uuid', nullable: true },
    salesTeamId: { type: 'uuid', nullable: true },
  },
});
