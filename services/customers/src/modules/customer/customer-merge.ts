import { Events } from '@crm/events';
import { createScope, fields, InputException, parseInput, requireActor, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
// The file, not the module's index: the group module builds on this one, and its index would import it back.
import { mergeCustomerGroups } from '../customer-group/customer-group-merge';
import type { IdentityKeyKind } from '../../generated/graphql';
import { identityKeysSet } from './customer-record';
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
 * survivor. Its place in its customer group moves in the same transaction (mergeCustomerGroups).
 * Everything else that refers to it — here and in other subgraphs — re-points on
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

  return scope.em.transactional(async (tx) => {
    const txScope = createScope({ ...scope, em: tx });
    await lockUnmerged(tx, survivor.id, merged.id);
    const before = { tags: survivor.tags, ...Object.fromEntries(FILLED_FROM_MERGED.map((field) => [field, survivor[field]])) };
    for (const field of FILLED_FROM_MERGED) if (survivor[field] === null) Object.assign(survivor, { [field]: merged[field] });
    survivor.tags = [...new Set([...survivor.tags, ...merged.tags])];
    if (await tx.nativeUpdate(CustomerKey, { customerId: merged.id }, { customerId: survivor.id })) await recordSurvivorKeys(txScope, survivor.id);
    merged.mergedIntoId = survivor.id;
    await repointEarlierMerges(txScope, survivor.id, merged.id);
    await mergeCustomerGroups(txScope, findVisible, survivor, merged);

    txScope.recordEvent({ type: Events.CustomerMerged, key: survivor.id, payload: { survivorId: survivor.id, mergedId: merged.id, mergedOwnerId: merged.ownerId } });
    const after = { tags: survivor.tags, ...Object.fromEntries(FILLED_FROM_MERGED.map((field) => [field, survivor[field]])), mergedId: merged.id };
    txScope.audit({ subjectType: 'Customer', subjectId: survivor.id, action: 'customer.merged', reason: data.reason, before, after });
    txScope.audit({ subjectType: 'Customer', subjectId: merged.id, action: 'customer.merged_into', reason: data.reason, after: { survivorId: survivor.id } });
    return survivor;
  });
}

/**
 * Both rows stay locked until the merge commits, and are checked again under the lock: two merges
 * naming one customer (A into S while X goes into A) run one after the other, so the second sees
 * the first and never leaves a pointer to a merged customer behind. No key update: rows that merely
 * refer to them (a foreign key check) are not held up, nor hold the merge up.
 */
async function lockUnmerged(em: EntityManager, survivorId: string, mergedId: string): Promise<void> {
  const ids = [survivorId, mergedId];
  const rows = (await em
    .getConnection()
    .execute('select id, merged_into_id from customer where id in (?, ?) order by id for no key update', ids, 'all', em.getTransactionContext())) as { id: string; merged_into_id: string | null }[];
  const gone = ids.find((id) => rows.find((row) => row.id === id)?.merged_into_id !== null);
  if (gone) throw new CustomerNotFoundException(gone);
}

/**
 * Customers merged into the merged one earlier now point at the survivor, so following
 * merged_into_id once always lands on a live customer. Their references elsewhere already moved to
 * the merged customer and move on with this merge's event, so they get no event of their own
 * (a second customer.merged would shrink their former owner's book twice).
 */
async function repointEarlierMerges(scope: Scope, survivorId: string, mergedId: string): Promise<void> {
  const earlier = (await scope.em
    .getConnection()
    .execute('update customer set merged_into_id = ? where merged_into_id = ? returning id', [survivorId, mergedId], 'all', scope.em.getTransactionContext())) as { id: string }[];
  for (const { id } of earlier) {
    scope.audit({ subjectType: 'Customer', subjectId: id, action: 'customer.merged_into', before: { survivorId: mergedId }, after: { survivorId }, reason: `Its survivor ${mergedId} was merged into ${survivorId}.` });
  }
}

/** The survivor's keys now include the merged customer's: replicas re-point those to it. */
async function recordSurvivorKeys(scope: Scope, survivorId: string): Promise<void> {
  const keys = (await scope.em
    .getConnection()
    .execute('select kind, value from customer_key where customer_id = ? order by kind', [survivorId], 'all', scope.em.getTransactionContext())) as { kind: IdentityKeyKind; value: string }[];
  scope.recordEvent(identityKeysSet(survivorId, keys));
}
