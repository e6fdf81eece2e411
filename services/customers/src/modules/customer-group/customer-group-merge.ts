import { Events } from '@crm/events';
import type { Money, Scope } from '@crm/platform';
import { CreditLimitScope } from '../../generated/graphql';
import type { Customer } from '../customer';
import type { CustomerLink } from './customer-group.entity';
import { GroupCreditExceededException } from './customer-group.exception';
import { allocatedTo, linkFromRow, linkOf, linksOf, limitOf, lockGroups, membersOf, query, settleOrderDefaults, uuidArray, type LinkRow } from './customer-group.store';

type FindVisible = (id: string) => Promise<Customer | null>;

const named = (customer: { id: string; name: string }) => `${customer.name} (${customer.id})`;

/** Where the survivor sits after the merge. */
interface Place {
  parentId: string | null;
  ancestorIds: string[];
  groupId: string;
}

/**
 * CUS-3 × CUS-4, in the merge's own transaction (the same subgraph's tables, so the merge and its
 * group consequences commit together or not at all, and no consumer has to catch up): the survivor
 * takes the merged customer's place in its group — its children, its parent where the survivor has
 * none, its place as an order party — and its credit limits where the survivor has none. Every
 * customer whose link, order defaults or limit changed is announced with the group's usual events.
 * Refused (GROUP_CREDIT_EXCEEDED, nothing written) when the survivor's group would then grant its
 * members more than its group limit, as a move into that group would be.
 */
export async function mergeCustomerGroups(scope: Scope, findVisible: FindVisible, survivor: Customer, merged: Customer): Promise<void> {
  const { em } = scope;
  await lockGroups(em);
  const links = await linksOf(em, [survivor.id, merged.id]);
  const survivorLink = links.get(survivor.id)!;
  const mergedLink = links.get(merged.id)!;
  const oldMembers = [...new Set([...(await membersOf(em, survivorLink.groupId)), ...(await membersOf(em, mergedLink.groupId))])];
  const reason = `${named(merged)} was merged into ${named(survivor)}.`;

  const place = await survivorPlace(scope, survivorLink, mergedLink);
  const allocatedBefore = await allocatedTo(em, await membersOf(em, place.groupId));
  await takeMergedPlace(scope, survivorLink, mergedLink, place, reason);
  await settleGroupLimit(scope, survivor, merged, place.groupId, reason);
  await requireWithinGroupLimit(scope, findVisible, survivor, merged, place.groupId, allocatedBefore);
  await settleCustomerLimit(scope, survivor, merged, place.groupId, reason);
  await settleOrderDefaults(scope, oldMembers, reason, { mergedId: merged.id, survivorId: survivor.id });
}

/**
 * The survivor keeps its parent. Under the merged customer, it takes that one's parent instead, so
 * it is never under itself. With none, it takes the merged customer's, unless that one is under the
 * survivor (a cycle) or the survivor holds a group limit: a capped group is never placed inside
 * another (GROUP_LIMIT_ON_MOVED_TOP), so it stays the top of its own.
 */
async function survivorPlace(scope: Scope, survivor: CustomerLink, merged: CustomerLink): Promise<Place> {
  let parentId = survivor.parentId;
  if (survivor.ancestorIds.includes(merged.customerId)) parentId = merged.parentId;
  else if (parentId === null && !merged.ancestorIds.includes(survivor.customerId) && !(await limitOf(scope.em, survivor.customerId, CreditLimitScope.Group))) {
    parentId = merged.parentId;
  }
  if (parentId === null) return { parentId, ancestorIds: [], groupId: survivor.customerId };
  // The new parent is above both, outside everything that moves, so its own link stays as it is.
  const parent = await linkOf(scope.em, parentId);
  return { parentId, ancestorIds: [...parent.ancestorIds, parentId], groupId: parent.groupId };
}

/**
 * The merged customer's children become the survivor's, the survivor moves to its place, and
 * everything under the survivor takes its new ancestry; the merged customer is left alone.
 */
async function takeMergedPlace(scope: Scope, survivor: CustomerLink, merged: CustomerLink, place: Place, reason: string): Promise<void> {
  const { em } = scope;
  const adopted = await query<{ customer_id: string }>(em, 'update customer_link set parent_id = ? where parent_id = ? and customer_id <> ? returning customer_id', [
    survivor.customerId,
    merged.customerId,
    survivor.customerId,
  ]);
  const mergedHadLink = (await query(em, 'delete from customer_link where customer_id = ? returning customer_id', [merged.customerId])).length > 0;
  const survivorMoved = place.parentId !== survivor.parentId;
  if (survivorMoved) {
    await query(
      em,
      `insert into customer_link (customer_id, parent_id, ancestor_ids, group_id) values (?, ?, ?::uuid[], ?)
       on conflict (customer_id) do update set parent_id = excluded.parent_id, ancestor_ids = excluded.ancestor_ids, group_id = excluded.group_id`,
      [survivor.customerId, place.parentId, uuidArray(place.ancestorIds), place.groupId],
    );
  }
  const below = await query<LinkRow>(
    em,
    `with recursive tree (customer_id, ancestor_ids) as (
       select ?::uuid, ?::uuid[]
       union all
       select l.customer_id, t.ancestor_ids || t.customer_id from customer_link l join tree t on l.parent_id = t.customer_id)
     update customer_link l set ancestor_ids = t.ancestor_ids, group_id = t.ancestor_ids[1]
       from tree t
      where l.customer_id = t.customer_id and l.customer_id <> ? and l.ancestor_ids is distinct from t.ancestor_ids
     returning l.customer_id, l.parent_id, l.ancestor_ids, l.group_id`,
    [survivor.customerId, uuidArray(place.ancestorIds), survivor.customerId],
  );
  const changed = [
    ...(survivorMoved ? [{ customerId: survivor.customerId, ...place }] : []),
    ...below.map(linkFromRow),
    ...(mergedHadLink ? [{ customerId: merged.customerId, parentId: null, ancestorIds: [], groupId: merged.customerId }] : []),
  ];
  for (const link of changed) {
    scope.recordEvent({
      type: Events.CustomerHierarchyChanged,
      key: link.customerId,
      payload: { customerId: link.customerId, parentId: link.parentId, ancestorIds: link.ancestorIds, groupId: link.groupId },
    });
  }
  const audit = (customerId: string, before: { parentId: string | null; groupId: string }, after: { parentId: string | null; groupId: string }) =>
    scope.audit({ subjectType: 'Customer', subjectId: customerId, action: 'customer.parent_changed', before, after, reason });
  if (survivorMoved) audit(survivor.customerId, { parentId: survivor.parentId, groupId: survivor.groupId }, { parentId: place.parentId, groupId: place.groupId });
  for (const { customer_id } of adopted) audit(customer_id, { parentId: merged.customerId, groupId: merged.groupId }, { parentId: survivor.customerId, groupId: place.groupId });
}

/*
 * Credit limits are never added up. A limit is the exposure someone entitled to grant credit
 * approved for one party; the two records of one company carried two limits only because nobody
 * knew they were one, and their sum was approved by no one. So the survivor's own limit stands, and
 * the merged customer's is taken only where the survivor has none (an approved figure is kept, not
 * invented) and only within the group's limit. A limit not taken is audited on the survivor, so a
 * manager can grant it deliberately.
 */

/** A GROUP limit of the merged customer (the top of its group) caps the survivor's group if the survivor is its top and has none. */
async function settleGroupLimit(scope: Scope, survivor: Customer, merged: Customer, groupId: string, reason: string): Promise<void> {
  const limit = await removeLimit(scope, merged.id, CreditLimitScope.Group, reason);
  if (!limit) return;
  const own = await limitOf(scope.em, survivor.id, CreditLimitScope.Group);
  const allocated = await allocatedTo(scope.em, await membersOf(scope.em, groupId));
  let refusal: string | null = null;
  if (groupId !== survivor.id) refusal = `${named(survivor)} is not the top of its group, so it holds no group limit.`;
  else if (own) refusal = `${named(survivor)} has its own group limit of ${own.toString()}; limits are never added up.`;
  else if (allocated.compare(limit) > 0) refusal = `The group's members are granted ${allocated.toString()}, more than ${limit.toString()}.`;
  await takeOrDrop(scope, survivor, merged, CreditLimitScope.Group, limit, refusal);
}

/** A CUSTOMER limit of the merged customer becomes the survivor's if it has none and the group's limit allows it. */
async function settleCustomerLimit(scope: Scope, survivor: Customer, merged: Customer, groupId: string, reason: string): Promise<void> {
  const limit = await removeLimit(scope, merged.id, CreditLimitScope.Customer, reason);
  if (!limit) return;
  const own = await limitOf(scope.em, survivor.id, CreditLimitScope.Customer);
  const groupLimit = await limitOf(scope.em, groupId, CreditLimitScope.Group);
  const wouldBe = (await allocatedTo(scope.em, await membersOf(scope.em, groupId))).plus(limit);
  let refusal: string | null = null;
  if (own) refusal = `${named(survivor)} has its own limit of ${own.toString()}; limits are never added up.`;
  else if (groupLimit && wouldBe.compare(groupLimit) > 0) {
    refusal = `Its group's members would be granted ${wouldBe.toString()}, more than the group limit of ${groupLimit.toString()}.`;
  }
  await takeOrDrop(scope, survivor, merged, CreditLimitScope.Customer, limit, refusal);
}

/** The merged customer holds no credit of its own any more; the removal is announced and audited. */
async function removeLimit(scope: Scope, customerId: string, limitScope: CreditLimitScope, reason: string): Promise<Money | null> {
  const limit = await limitOf(scope.em, customerId, limitScope);
  if (!limit) return null;
  await query(scope.em, 'delete from customer_credit_limit where customer_id = ? and scope = ?', [customerId, limitScope]);
  scope.recordEvent({ type: Events.CustomerCreditLimitSet, key: customerId, payload: { customerId, scope: limitScope, limit: null } });
  scope.audit({
    subjectType: 'Customer',
    subjectId: customerId,
    action: 'customer.credit_limit_set',
    before: { scope: limitScope, limit: limit.toString() },
    after: { scope: limitScope, limit: null },
    reason,
  });
  return limit;
}

async function takeOrDrop(scope: Scope, survivor: Customer, merged: Customer, limitScope: CreditLimitScope, limit: Money, refusal: string | null): Promise<void> {
  if (refusal) {
    scope.audit({
      subjectType: 'Customer',
      subjectId: survivor.id,
      action: 'customer.credit_limit_dropped',
      before: { scope: limitScope, limit: limit.toString(), customerId: merged.id },
      reason: `The limit of ${named(merged)}, merged into it, was not taken: ${refusal}`,
    });
    return;
  }
  await query(scope.em, 'insert into customer_credit_limit (customer_id, scope, amount) values (?, ?, ?)', [survivor.id, limitScope, limit.toNumeric()]);
  scope.recordEvent({ type: Events.CustomerCreditLimitSet, key: survivor.id, payload: { customerId: survivor.id, scope: limitScope, limit: limit.toString() } });
  scope.audit({
    subjectType: 'Customer',
    subjectId: survivor.id,
    action: 'customer.credit_limit_set',
    before: { scope: limitScope, limit: null },
    after: { scope: limitScope, limit: limit.toString() },
    reason: `Taken from ${named(merged)}, merged into it.`,
  });
}

/** The merged customer's part of the group now counts against the survivor's group limit. */
async function requireWithinGroupLimit(scope: Scope, findVisible: FindVisible, survivor: Customer, merged: Customer, groupId: string, before: Money): Promise<void> {
  const groupLimit = await limitOf(scope.em, groupId, CreditLimitScope.Group);
  if (!groupLimit) return;
  const wouldBe = await allocatedTo(scope.em, await membersOf(scope.em, groupId));
  if (wouldBe.compare(groupLimit) <= 0) return;
  const top = await findVisible(groupId);
  const group = { id: groupId, name: top?.name ?? 'a customer you cannot see' };
  throw new GroupCreditExceededException(
    group,
    `The group of ${group.name} has a credit limit of ${groupLimit.toString()}; merging ${named(merged)} into ${named(survivor)} would grant its members ` +
      `${wouldBe.toString()} (now ${before.toString()}). Lower the limits or raise the group's first.`,
    { groupLimit: groupLimit.toString(), allocated: before.toString(), requested: wouldBe.minus(before).toString(), wouldBe: wouldBe.toString() },
  );
}
