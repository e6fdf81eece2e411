import { Events } from '@crm/events';
import { createScope, fields, Money, parseInput, requireActor, type Scope } from '@crm/platform';
import { z } from 'zod';
import { CreditLimitScope } from '../../generated/graphql';
import { CustomerNotFoundException, type Customer } from '../customer';
import {
  CustomerHierarchyCycleException,
  GroupCreditExceededException,
  GroupLimitNotOnTopException,
  GroupLimitOnMovedTopException,
  NegativeCreditLimitException,
  OrderPartyOutsideGroupException,
} from './customer-group.exception';
import { customerGroupPermissions } from './customer-group.permissions';
import { allocatedTo, linkFromRow, linkOf, linksOf, limitOf, lockGroups, membersOf, query, selfDefaults, settleOrderDefaults, uuidArray, type LinkRow } from './customer-group.store';

type FindVisible = (id: string) => Promise<Customer | null>;

const setParentInput = z.object({
  customerId: fields.id('customerId'),
  parentId: fields.id('parentId').nullish(),
});

const setOrderDefaultsInput = z.object({
  customerId: fields.id('customerId'),
  orderingPartyId: fields.id('orderingPartyId'),
  shipToId: fields.id('shipToId'),
  billToId: fields.id('billToId'),
});

const setCreditLimitInput = z.object({
  customerId: fields.id('customerId'),
  scope: z.enum(CreditLimitScope),
  // The Money scalar has already parsed it exactly; a plain string (a direct call) is held to the same rules.
  limit: z.union([z.custom<Money>((value) => value instanceof Money), z.string().transform((text) => Money.of(text, 'limit'))]).nullish(),
  reason: fields.text(500).nullish(),
});

const described = async (findVisible: FindVisible, id: string): Promise<{ id: string; name: string }> => {
  const customer = await findVisible(id);
  return { id, name: customer?.name ?? 'a customer you cannot see' };
};

/**
 * Places a customer under another (or detaches it): everything under it moves with it, each
 * customer whose ancestry changed is announced, and the move is audited. Refused when it would
 * make a cycle, or when the moved customers' credit limits would exceed the new group's limit.
 * Order defaults that would point outside the customer's group afterwards fall back to the customer itself.
 */
export async function setCustomerParent(scope: Scope, findVisible: FindVisible, input: unknown): Promise<Customer> {
  requireActor(scope.actor);
  const data = parseInput(setParentInput, input);
  const customer = await findVisible(data.customerId);
  if (!customer) throw new CustomerNotFoundException(data.customerId);
  const parent = data.parentId ? await findVisible(data.parentId) : null;
  if (data.parentId && !parent) throw new CustomerNotFoundException(data.parentId);
  if (parent?.id === customer.id) throw new CustomerHierarchyCycleException(customer, parent);

  await scope.em.transactional(async (tx) => {
    const txScope = createScope({ ...scope, em: tx });
    await lockGroups(tx);
    const links = await linksOf(tx, parent ? [customer.id, parent.id] : [customer.id]);
    const link = links.get(customer.id)!;
    const parentLink = parent ? links.get(parent.id)! : null;
    if ((parent?.id ?? null) === link.parentId) return;
    if (parent && parentLink!.ancestorIds.includes(customer.id)) throw new CustomerHierarchyCycleException(customer, parent);

    const ancestorIds = parent ? [...parentLink!.ancestorIds, parent.id] : [];
    const groupId = parent ? parentLink!.groupId : customer.id;
    const below = (await query<{ customer_id: string }>(tx, 'select customer_id from customer_link where ancestor_ids @> array[?::uuid]', [customer.id])).map((row) => row.customer_id);
    const moved = [customer.id, ...below];
    const oldMembers = await membersOf(tx, link.groupId);

    if (groupId !== link.groupId) {
      const ownGroupLimit = await limitOf(tx, customer.id, CreditLimitScope.Group);
      if (ownGroupLimit) throw new GroupLimitOnMovedTopException(customer, ownGroupLimit.toString());
      const groupLimit = await limitOf(tx, groupId, CreditLimitScope.Group);
      if (groupLimit) {
        const allocated = await allocatedTo(tx, await membersOf(tx, groupId));
        const requested = await allocatedTo(tx, moved);
        const wouldBe = allocated.plus(requested);
        if (wouldBe.compare(groupLimit) > 0) {
          const group = await described(findVisible, groupId);
          throw new GroupCreditExceededException(
            group,
            `The group of ${group.name} has a credit limit of ${groupLimit.toString()} and ${allocated.toString()} of it is granted to its members; ` +
              `moving ${customer.name} (${customer.id}) there brings ${requested.toString()} more, ${wouldBe.toString()} in total. Lower the limits or raise the group's first.`,
            { groupLimit: groupLimit.toString(), allocated: allocated.toString(), requested: requested.toString(), wouldBe: wouldBe.toString() },
          );
        }
      }
    }

    if (parent && parentLink!.parentId === null) {
      await query(tx, "insert into customer_link (customer_id, parent_id, ancestor_ids, group_id) values (?, null, '{}', ?) on conflict (customer_id) do nothing", [parent.id, parent.id]);
    }
    await query(
      tx,
      `insert into customer_link (customer_id, parent_id, ancestor_ids, group_id) values (?, ?, ?::uuid[], ?)
       on conflict (customer_id) do update set parent_id = excluded.parent_id, ancestor_ids = excluded.ancestor_ids, group_id = excluded.group_id`,
      [customer.id, parent?.id ?? null, uuidArray(ancestorIds), groupId],
    );
    // Everything under it keeps its path below the moved customer and takes the new one above it.
    const descendants = await query<LinkRow>(
      tx,
      `update customer_link set ancestor_ids = ?::uuid[] || ancestor_ids[array_position(ancestor_ids, ?::uuid):], group_id = ?
        where ancestor_ids @> array[?::uuid]
        returning customer_id, parent_id, ancestor_ids, group_id`,
      [uuidArray(ancestorIds), customer.id, groupId, customer.id],
    );
    for (const changed of [{ customerId: customer.id, parentId: parent?.id ?? null, ancestorIds, groupId }, ...descendants.map(linkFromRow)]) {
      txScope.recordEvent({
        type: Events.CustomerHierarchyChanged,
        key: changed.customerId,
        payload: { customerId: changed.customerId, parentId: changed.parentId, ancestorIds: changed.ancestorIds, groupId: changed.groupId },
      });
    }
    txScope.audit({
      subjectType: 'Customer',
      subjectId: customer.id,
      action: 'customer.parent_changed',
      before: { parentId: link.parentId, groupId: link.groupId },
      after: { parentId: parent?.id ?? null, groupId, movedWithIt: below.length },
    });
    if (groupId !== link.groupId) await settleOrderDefaults(txScope, oldMembers, 'A party left the customer’s group.');
  });
  return customer;
}

/** Who an order by a customer is placed by, shipped to and billed to: the customer itself or customers of its group. */
export async function setCustomerOrderDefaults(scope: Scope, findVisible: FindVisible, input: unknown): Promise<Customer> {
  requireActor(scope.actor);
  const data = parseInput(setOrderDefaultsInput, input);
  const customer = await findVisible(data.customerId);
  if (!customer) throw new CustomerNotFoundException(data.customerId);
  const fieldsOf = { orderingPartyId: data.orderingPartyId, shipToId: data.shipToId, billToId: data.billToId };
  const parties = new Map<string, Customer>();
  for (const id of new Set(Object.values(fieldsOf))) {
    const party = await findVisible(id);
    if (!party) throw new CustomerNotFoundException(id);
    parties.set(id, party);
  }

  await scope.em.transactional(async (tx) => {
    const txScope = createScope({ ...scope, em: tx });
    await lockGroups(tx);
    const links = await linksOf(tx, [customer.id, ...parties.keys()]);
    const groupId = links.get(customer.id)!.groupId;
    for (const [field, id] of Object.entries(fieldsOf)) {
      if (links.get(id)!.groupId !== groupId) throw new OrderPartyOutsideGroupException(field, customer, parties.get(id)!);
    }
    const [row] = await query<{ ordering_party_id: string; ship_to_id: string; bill_to_id: string }>(
      tx,
      'select ordering_party_id, ship_to_id, bill_to_id from customer_order_defaults where customer_id = ?',
      [customer.id],
    );
    const before = row ? { orderingPartyId: row.ordering_party_id, shipToId: row.ship_to_id, billToId: row.bill_to_id } : selfDefaults(customer.id);
    if (JSON.stringify(before) === JSON.stringify(fieldsOf)) return;
    await query(
      tx,
      `insert into customer_order_defaults (customer_id, ordering_party_id, ship_to_id, bill_to_id) values (?, ?, ?, ?)
       on conflict (customer_id) do update set ordering_party_id = excluded.ordering_party_id, ship_to_id = excluded.ship_to_id, bill_to_id = excluded.bill_to_id`,
      [customer.id, fieldsOf.orderingPartyId, fieldsOf.shipToId, fieldsOf.billToId],
    );
    txScope.recordEvent({ type: Events.CustomerOrderDefaultsSet, key: customer.id, payload: { customerId: customer.id, ...fieldsOf } });
    txScope.audit({ subjectType: 'Customer', subjectId: customer.id, action: 'customer.order_defaults_set', before, after: fieldsOf });
  });
  return customer;
}

/**
 * Sets or removes a credit limit: a customer's own, or its group's cap (on the group's top). The
 * members' own limits may never add up to more than the group's cap.
 */
export async function setCreditLimit(scope: Scope, findVisible: FindVisible, input: unknown): Promise<Customer> {
  const actor = requireActor(scope.actor);
  const data = parseInput(setCreditLimitInput, input);
  const customer = await findVisible(data.customerId);
  if (!customer) throw new CustomerNotFoundException(data.customerId);
  customerGroupPermissions.require(actor, 'customer_group.set_credit_limit');
  const limit = data.limit ?? null;
  if (limit?.isNegative()) throw new NegativeCreditLimitException(limit.toString());

  await scope.em.transactional(async (tx) => {
    const txScope = createScope({ ...scope, em: tx });
    await lockGroups(tx);
    const link = await linkOf(tx, customer.id);
    const current = await limitOf(tx, customer.id, data.scope);
    if (data.scope === CreditLimitScope.Group) {
      if (link.parentId !== null) {
        const top = await findVisible(link.groupId);
        throw new GroupLimitNotOnTopException(customer, top);
      }
      if (limit) {
        const members = await membersOf(tx, customer.id);
        const allocated = await allocatedTo(tx, members);
        if (allocated.compare(limit) > 0) {
          throw new GroupCreditExceededException(
            customer,
            `The members of ${customer.name}'s group (${members.length}) are granted ${allocated.toString()} in total, more than the requested group limit of ${limit.toString()}` +
              `${current ? ` (now ${current.toString()})` : ''}; lower their limits first.`,
            { groupLimit: limit.toString(), allocated: allocated.toString(), requested: limit.toString(), wouldBe: allocated.toString() },
          );
        }
      }
    } else if (limit) {
      const groupLimit = await limitOf(tx, link.groupId, CreditLimitScope.Group);
      if (groupLimit) {
        const allocated = await allocatedTo(tx, await membersOf(tx, link.groupId));
        const wouldBe = allocated.minus(current ?? Money.zero).plus(limit);
        if (wouldBe.compare(groupLimit) > 0) {
          const group = await described(findVisible, link.groupId);
          throw new GroupCreditExceededException(
            group,
            `The group of ${group.name} has a credit limit of ${groupLimit.toString()} and its members are granted ${allocated.toString()} now; ` +
              `setting ${customer.name}'s limit to ${limit.toString()} (from ${current?.toString() ?? 'none'}) would make it ${wouldBe.toString()}. ` +
              `At most ${groupLimit.minus(allocated.minus(current ?? Money.zero)).toString()} is left for it.`,
            { groupLimit: groupLimit.toString(), allocated: allocated.toString(), requested: limit.toString(), wouldBe: wouldBe.toString() },
          );
        }
      }
    }
    if ((current?.toString() ?? null) === (limit?.toString() ?? null)) return;
    if (limit) {
      await query(
        tx,
        'insert into customer_credit_limit (customer_id, scope, amount) values (?, ?, ?) on conflict (customer_id, scope) do update set amount = excluded.amount',
        [customer.id, data.scope, limit.toNumeric()],
      );
    } else {
      await query(tx, 'delete from customer_credit_limit where customer_id = ? and scope = ?', [customer.id, data.scope]);
    }
    txScope.recordEvent({ type: Events.CustomerCreditLimitSet, key: customer.id, payload: { customerId: customer.id, scope: data.scope, limit: limit?.toString() ?? null } });
    txScope.audit({
      subjectType: 'Customer',
      subjectId: customer.id,
      action: 'customer.credit_limit_set',
      before: { scope: data.scope, limit: current?.toString() ?? null },
      after: { scope: data.scope, limit: limit?.toString() ?? null },
      reason: data.reason ?? null,
    });
  });
  return customer;
}
