import { Events } from '@crm/events';
import { fields, InputException, parseInput, requireActor, type Scope } from '@crm/platform';
import { z } from 'zod';
import { Customer, CustomerKey } from './customer.entity';
import { CustomerNotFoundException } from './customer.exception';
import { customerPermissions } from './customer.permissions';

const mergeInput = z.object({
  survivorId: fields.id('survivorId'),
  mergedId: fields.id('mergedId'),
  reason: fields.text(500),
});

/** The record fields the survivor takes from the merged customer where it has none of its own. */
const FILLED_FROM_MERGED = ['city', 'divisionCode', 'address', 'longitude', 'latitude', 'industry', 'source', 'matchAddress'] as const;

/**
 * CUS-3: two customers are one. The survivor keeps its own fields, takes the merged one's where it
 * has none, and gains its tags and identity keys; the merged one stays only as a pointer to the
 * survivor. Everything else that refers to it — here and in other subgraphs — re-points on
 * `customer.merged`, whose consumers are idempotent.
 */
export async function mergeCustomers(scope: Scope, findVisible: (id: string) => Promise<Customer | null>, input: unknown): Promise<Customer> {
  const actor = requireActor(scope.actor);
  const data = parseInput(mergeInput, input);
  if (data.survivorId === data.mergedId) throw new InputException('mergedId: a customer cannot be merged into itself.', 'mergedId');
  const [survivor, merged] = await Promise.all([findVisible(data.survivorId), findVisible(data.mergedId)]);
  if (!survivor || survivor.mergedIntoId) throw new CustomerNotFoundException(data.survivorId);
  if (!merged || merged.mergedIntoId) throw new CustomerNotFoundException(data.mergedId);
  customerPermissions.require(actor, 'customer.merge');
  if (survivor.kind !== merged.kind) throw new InputException(`mergedId: a ${merged.kind.toLowerCase()} cannot be merged into a ${survivor.kind.toLowerCase()}.`, 'mergedId');

  const before = { tags: survivor.tags, ...Object.fromEntries(FILLED_FROM_MERGED.map((field) => [field, survivor[field]])) };
  for (const field of FILLED_FROM_MERGED) if (survivor[field] === null) Object.assign(survivor, { [field]: merged[field] });
  survivor.tags = [...new Set([...survivor.tags, ...merged.tags])];
  await scope.em.nativeUpdate(CustomerKey, { customerId: merged.id }, { customerId: survivor.id });
  merged.mergedIntoId = survivor.id;

  scope.recordEvent({ type: Events.CustomerMerged, key: survivor.id, payload: { survivorId: survivor.id, mergedId: merged.id, mergedOwnerId: merged.ownerId } });
  const after = { tags: survivor.tags, ...Object.fromEntries(FILLED_FROM_MERGED.map((field) => [field, survivor[field]])), mergedId: merged.id };
  scope.audit({ subjectType: 'Customer', subjectId: survivor.id, action: 'customer.merged', reason: data.reason, before, after });
  scope.audit({ subjectType: 'Customer', subjectId: merged.id, action: 'customer.merged_into', reason: data.reason, after: { survivorId: survivor.id } });
  await scope.em.flush();
  return survivor;
}
