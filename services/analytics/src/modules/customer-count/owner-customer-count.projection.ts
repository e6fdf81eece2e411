import { EntitySchema } from '@mikro-orm/core';

/**
 * How many customers a person owns now: analytics' own projection of customers' events, written
 * only by the customer-count projector (never a copy of customers' rows, so it can be rebuilt by
 * replaying the events).
 */
export class OwnerCustomerCount {
  /** The owner's user id. */
  id!: string;
  customerCount!: number;
}

export const OwnerCustomerCountSchema = new EntitySchema<OwnerCustomerCount>({
  class: OwnerCustomerCount,
  tableName: 'owner_customer_count',
  properties: {
    id: { type: 'uuid', primary: true, fieldName: 'owner_id' },
    customerCount: { type: 'integer' },
  },
});
