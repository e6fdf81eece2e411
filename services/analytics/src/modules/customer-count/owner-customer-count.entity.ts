import { EntitySchema } from '@mikro-orm/core';

/** How many customers a person owns now; a projection of customer events. */
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
