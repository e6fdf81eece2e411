import { newId } from '@crm/platform';
import type { CustomerKind } from '../../generated/graphql';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

export class Customer {
  [OptionalProps]?: 'id' | 'city' | 'secondaryOwnerId' | 'salesTeamId';
  id: string = newId();
  name!: string;
  kind!: CustomerKind;
  city: string | null = null;
  /** A user in identity; validated against the owner directory replica. */
  ownerId!: string;
  /** The previous owner after a hand-over; work routes to them while the owner is away (ORG-5). */
  secondaryOwnerId: string | null = null;
  /** The sales team sharing it (ORG-4): every member sees it. */
  salesTeamId: string | null = null;
  /** Who entered it: the owner, or an assistant acting for them. */
  createdById!: string;
  createdAt!: Date;
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
    secondaryOwnerId: { type: 'uuid', nullable: true },
    salesTeamId: { type: 'uuid', nullable: true },
    createdById: { type: 'uuid' },
    createdAt: { type: 'datetime' },
  },
});
