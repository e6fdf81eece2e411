import { EntitySchema } from '@mikro-orm/core';

/** service's replica of who owns each customer, from customers' events: complaints are visible through it. */
export class CustomerOwner {
  customerId!: string;
  ownerId!: string;
}

export const CustomerOwnerSchema = new EntitySchema<CustomerOwner>({
  class: CustomerOwner,
  tableName: 'customer_owner',
  properties: {
    customerId: { type: 'uuid', primary: true },
    ownerId: { type: 'uuid' },
  },
});
