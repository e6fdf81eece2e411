import { Events } from '@crm/events';
import { assertValidPoint, checkIdentityKey, fields, InputException, type Actor, type Scope } from '@crm/platform';
import { findDivision, type Division } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { CustomerKind, CustomerSource, IdentityKeyKind } from '../../generated/graphql';
import { CustomerKey } from './customer.entity';
import { DuplicateCustomerKeyException, InvalidIdentityKeyException } from './customer.exception';
import { visibleCustomers } from './customer.loaders';

/** The record's own fields (CUS-1), as createCustomer takes them. */
export const customerRecordInput = {
  divisionCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 division code').nullish(),
  address: fields.text(300).nullish(),
  location: z.object({ longitude: z.number(), latitude: z.number() }).nullish(),
  industry: fields.text(100).nullish(),
  source: z.enum(CustomerSource).nullish(),
  tags: z.array(fields.text(40)).max(30, 'at most 30 tags').nullish(),
  identityKeys: z.array(z.object({ kind: z.enum(IdentityKeyKind), value: fields.text(40) })).max(5).nullish(),
};

/** A new customer's own fields, as createCustomer and an import's rows take them. */
export const newCustomerInput = z.object({
  name: fields.text(200),
  kind: z.enum(CustomerKind),
  city: fields.text(100).nullish(),
  ...customerRecordInput,
});

/** Which keys identify which kind of customer: people by mobile or ID card, companies by registration numbers. */
const KEYS_OF: Record<CustomerKind, readonly IdentityKeyKind[]> = {
  [CustomerKind.Individual]: [IdentityKeyKind.Mobile, IdentityKeyKind.ResidentId],
  [CustomerKind.Company]: [IdentityKeyKind.Uscc, IdentityKeyKind.BusinessLicence, IdentityKeyKind.TaxNumber],
};

export function parseDivision(code: string | null | undefined): Division | null {
  if (!code) return null;
  const division = findDivision(code);
  if (!division) throw new InputException(`divisionCode: ${code} is not a GB/T 2260 division; use a province, city or district code such as 310104.`, 'divisionCode');
  return division;
}

export function parsePoint(point: { longitude: number; latitude: number } | null | undefined): [number, number] | null {
  if (!point) return null;
  assertValidPoint(point.longitude, point.latitude);
  return [point.longitude, point.latitude];
}

/** Each key checked by its rule (CUS-2) and normalised; one of each kind, and only kinds that fit the customer. */
export function parseIdentityKeys(kind: CustomerKind, keys: readonly { kind: IdentityKeyKind; value: string }[], today: Date): { kind: IdentityKeyKind; value: string }[] {
  const seen = new Set<IdentityKeyKind>();
  return keys.map((key, index) => {
    const field = `identityKeys.${index}`;
    if (!KEYS_OF[kind].includes(key.kind)) {
      throw new InputException(`${field}: a ${kind.toLowerCase()} is identified by ${KEYS_OF[kind].join(' or ')}, not ${key.kind}.`, field);
    }
    if (seen.has(key.kind)) throw new InputException(`${field}: give at most one ${key.kind}.`, field);
    seen.add(key.kind);
    const checked = checkIdentityKey(key.kind, key.value, today);
    if (!checked.ok) throw new InvalidIdentityKeyException(field, key.kind, checked.rule, checked.message);
    return { kind: key.kind, value: checked.normalized };
  });
}

export interface KeyHolder {
  kind: IdentityKeyKind;
  customer_id: string;
  name: string;
  owner_name: string | null;
  owner_unit: string | null;
  visible: boolean;
}

/** The customer (other than `exceptCustomerId`) that already has one of the keys, if any, and whether the actor may see it. */
export async function findKeyHolder(em: EntityManager, actor: Actor, keys: readonly { kind: IdentityKeyKind; value: string }[], exceptCustomerId?: string): Promise<KeyHolder | null> {
  if (!keys.length) return null;
  const visible = visibleCustomers(actor);
  const [holder] = (await em.getConnection().execute(
    `select k.kind, c.id as customer_id, c.name, u.display_name as owner_name, u.org_path::text as owner_unit, (${visible.sql}) as visible
       from customer_key k join customer c on c.id = k.customer_id left join directory_user u on u.id = c.owner_id
      where (k.kind, k.value) in (${keys.map(() => '(?, ?)').join(', ')}) and k.customer_id is distinct from ?
      limit 1`,
    [...visible.params, ...keys.flatMap((key) => [key.kind, key.value]), exceptCustomerId ?? null],
    'all',
    em.getTransactionContext(),
  )) as KeyHolder[];
  return holder ?? null;
}

/**
 * CUS-3's exact match: a key another customer already has refuses the write, naming that customer
 * to someone who may see it, and otherwise only its owner and their unit — never its data.
 */
export async function requireKeysFree(em: EntityManager, actor: Actor, keys: readonly { kind: IdentityKeyKind; value: string }[], exceptCustomerId?: string): Promise<void> {
  const holder = await findKeyHolder(em, actor, keys, exceptCustomerId);
  if (holder) throw new DuplicateCustomerKeyException(holder.kind, holder.visible ? { id: holder.customer_id, name: holder.name } : null, holder.owner_name, holder.owner_unit);
}

/**
 * FUN-1: funnel filters leads against customers' keys in a replica of its own, never by asking
 * customers, so whatever changes a customer's keys announces all of them as they are now.
 */
export const identityKeysSet = (customerId: string, keys: readonly { kind: IdentityKeyKind; value: string }[]) => ({
  type: Events.CustomerIdentityKeysSet,
  key: customerId,
  payload: { customerId, keys: keys.map(({ kind, value }) => ({ kind, value })) },
});

/** A new customer's keys, announced with them: createCustomer's, and any other one-at-a-time creation's. */
export function addIdentityKeys(scope: Scope, customerId: string, keys: readonly { kind: IdentityKeyKind; value: string }[]): void {
  for (const key of keys) scope.em.create(CustomerKey, { ...key, customerId });
  if (keys.length) scope.recordEvent(identityKeysSet(customerId, keys));
}
