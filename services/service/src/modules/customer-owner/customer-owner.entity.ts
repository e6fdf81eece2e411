import { EntitySchema } from '@mikro-orm/core';

/**
 * service's replica of who shares each customer, from customers' events: complaints are visible
 * through it and routed by it.
 */
export class CustomerOwner {
  customerId!: string;
  ownerId!: string;
  secondaryOwnerId!: string | null;
  salesTeamId!: string | null;
}

export const CustomerOwnerSchema = new EntitySchema<CustomerOwner>({
  class: CustomerOwner,
  tableName: 'customer_owner',
  properties: {
    customerId: { type: 'uuid', primary: true },
    ownerId: { type: 'uuid' },
    secondaryOwnerId: { type: 'uuid', nullable: true },
    salesTeamId: { type: 'uuid', nullable: true },
  },
});
