import { newId } from '@crm/platform';
import type { CustomerKind, CustomerSource, IdentityKeyKind } from '../../generated/graphql';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

export class Customer {
  [OptionalProps]?: 'id' | 'city' | 'secondaryOwnerId' | 'salesTeamId' | 'divisionCode' | 'address' | 'longitude' | 'latitude' | 'industry' | 'source' | 'tags' | 'matchAddress' | 'mergedIntoId';
  id: string = newId();
  name!: string;
  kind!: CustomerKind;
  city: string | null = null;
  /** GB/T 2260; with the point, decides the territory that owns the customer (ORG-3). */
  divisionCode: string | null = null;
  address: string | null = null;
  /** GCJ-02, as the apps and Chinese map services give it. */
  longitude: number | null = null;
  latitude: number | null = null;
  industry: string | null = null;
  source: CustomerSource | null = null;
  tags: string[] = [];
  /** What fuzzy duplicate detection compares (CUS-3, match-text.ts); kept in step with name and address. */
  matchName!: string;
  matchAddress: string | null = null;
  /** The name's pinyin initials, for search (CUS-1). */
  nameInitials!: string;
  /** A user in identity; validated against the owner directory replica. */
  ownerId!: string;
  /** The previous owner after a hand-over; work routes to them while the owner is away (ORG-5). */
  secondaryOwnerId: string | null = null;
  /** The sales team sharing it (ORG-4): every member sees it. */
  salesTeamId: string | null = null;
  /** Who entered it: the owner, or an assistant acting for them. */
  createdById!: string;
  createdAt!: Date;
  /** Set once merged into another customer (CUS-3): listed nowhere, and references to it resolve to that one. */
  mergedIntoId: string | null = null;
}

export const CustomerSchema = new EntitySchema<Customer>({
  class: Customer,
  tableName: 'customer',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string' },
    kind: { type: 'string' },
    city: { type: 'string', nullable: true },
    divisionCode: { type: 'string', nullable: true },
    address: { type: 'string', nullable: true },
    longitude: { type: 'double', nullable: true },
    latitude: { type: 'double', nullable: true },
    industry: { type: 'string', nullable: true },
    source: { type: 'string', nullable: true },
    tags: { type: 'string[]' },
    matchName: { type: 'string' },
    matchAddress: { type: 'string', nullable: true },
    nameInitials: { type: 'string' },
    ownerId: { type: 'uuid' },
    secondaryOwnerId: { type: 'uuid', nullable: true },
    salesTeamId: { type: 'uuid', nullable: true },
    createdById: { type: 'uuid' },
    createdAt: { type: 'datetime' },
    mergedIntoId: { type: 'uuid', nullable: true },
  },
});

/** One identity key of one customer (CUS-2); (kind, value) is the primary key, so each is unique. */
export class CustomerKey {
  kind!: IdentityKeyKind;
  value!: string;
  customerId!: string;
}

export const CustomerKeySchema = new EntitySchema<CustomerKey>({
  class: CustomerKey,
  tableName: 'customer_key',
  properties: {
    kind: { type: 'string', primary: true },
    value: { type: 'string', primary: true },
    customerId: { type: 'uuid' },
  },
});
