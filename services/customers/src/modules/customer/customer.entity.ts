import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

export type CustomerKind = 'COMPANY' | 'INDIVIDUAL';

export class Customer {
  [OptionalProps]?: 'id' | 'city' | 'createdAt';
  id: string = newId();
  name!: string;
  kind!: CustomerKind;
  city: string | null = null;
  /** A user in identity; validated against the owner directory replica. */
  ownerId!: string;
  /** Who entered it: the owner, or an assistant acting for them. */
  createdById!: string;
  createdAt: Date = new Date();
}

export const CustomerSchema = new EntitySchema<Customer>({
  class: Customer,
  tableName: 'customer',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string' },
    kind: { type: 'string' },
    city: { type: 'string', nullable: true },
    ownerId: { type: 'uuid' },
    createdById: { type: 'uuid' },
    createdAt: { type: 'datetime' },
  },
});
