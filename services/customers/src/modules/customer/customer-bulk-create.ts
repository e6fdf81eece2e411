import { pgArray, recordEvent } from '@crm/events';
import { requireActor, type Actor, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import type { CustomerKind, CustomerSource, IdentityKeyKind } from '../../generated/graphql';
import { identityKeysSet, type KeyHolder } from './customer-record';
import { Customer, CustomerKey } from './customer.entity';
import { visibleCustomers } from './customer.loaders';
import { matchTextOf } from './match-text';

/** The source of the events this file records without a scope: this subgraph. */
const CUSTOMERS = 'customers';

/** A new customer's checked fields: its division already found, its point already checked. */
export interface NewCustomer {
  name: string;
  kind: CustomerKind;
  city?: string | null;
  divisionCode: string | null;
  address?: string | null;
  point: [number, number] | null;
  industry?: string | null;
  source?: CustomerSource | null;
  tags?: readonly string[] | null;
}

/** A new customer, not yet persisted: createCustomer persists one, an import inserts a batch of them at once. */
export function newCustomer(scope: Scope, data: NewCustomer, ownerId: string): Customer {
  return Object.assign(new Customer(), {
    name: data.name,
    kind: data.kind,
    city: data.city ?? null,
    divisionCode: data.divisionCode,
    address: data.address ?? null,
    longitude: data.point?.[0] ?? null,
    latitude: data.point?.[1] ?? null,
    industry: data.industry ?? null,
    source: data.source ?? null,
    tags: [...new Set(data.tags ?? [])],
    ...matchTextOf(data),
    ownerId,
    createdById: requireActor(scope.actor).userId,
    createdAt: scope.clock.now(),
  });
}

export const keyId = (key: { kind: string; value: string }): string => `${key.kind}:${key.value}`;

/** findKeyHolder for many keys at once, in one statement: the holder of each key that has one, by keyId. */
export async function findKeyHolders(em: EntityManager, actor: Actor, keys: readonly { kind: IdentityKeyKind; value: string }[]): Promise<Map<string, KeyHolder & { value: string }>> {
  if (!keys.length) return new Map();
  const visible = visibleCustomers(actor);
  const holders = (await em.getConnection().execute(
    `select k.kind, k.value, c.id as customer_id, c.name, u.display_name as owner_name, u.org_path::text as owner_unit, (${visible.sql}) as visible
       from customer_key k join customer c on c.id = k.customer_id left join directory_user u on u.id = c.owner_id
      where (k.kind, k.value) in (select * from unnest(?::text[], ?::text[]))`,
    [...visible.params, pgArray(keys.map((key) => key.kind)), pgArray(keys.map((key) => key.value))],
    'all',
    em.getTransactionContext(),
  )) as (KeyHolder & { value: string })[];
  return new Map(holders.map((holder) => [keyId(holder), holder]));
}

/**
 * Many customers and their keys in two statements, in the caller's transaction. Their
 * customer.created events are the caller's; the keys' are recorded here, as addIdentityKeys does,
 * at each customer's creation time.
 */
export async function insertCustomers(em: EntityManager, customers: readonly { customer: Customer; keys: readonly { kind: IdentityKeyKind; value: string }[] }[]): Promise<void> {
  if (!customers.length) return;
  await em.insertMany(Customer, customers.map((c) => c.customer));
  const keys = customers.flatMap(({ customer, keys }) => keys.map((key) => Object.assign(new CustomerKey(), { ...key, customerId: customer.id })));
  if (keys.length) await em.insertMany(CustomerKey, keys);
  for (const { customer, keys } of customers) if (keys.length) recordEvent(em, CUSTOMERS, { ...identityKeysSet(customer.id, keys), time: customer.createdAt });
}
