import { newId } from '@crm/platform';
import { EntitySchema } from '@mikro-orm/core';

export type CustomerKind = 'COMPANY' | 'INDIVIDUAL';

export class Customer {
  id: string = newId();
  name: string;
  kind: CustomerKind;
  city: string | null;
  /** A user in identity; validated against the owner directory replica. */
  ownerId: string;
  createdAt: Date = new Date();

  constructor(fields: { name: string; kind: CustomerKind; city?: string | null; ownerId: string; id?: string }) {
    this.name = fields.name;
    this.kind = fields.kind;
    this.city = fields.city ?? null;
    this.ownerId = fields.ownerId;
    if (fields.id) this.id = fields.id;
  }
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
    createdAt: { type: 'datetime' },
  },
});
