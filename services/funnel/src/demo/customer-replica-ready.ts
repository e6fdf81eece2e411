import type { DemoData } from '@crm/demo-data';
import { pgArray } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 100;
const POLLS = 1_200;

/**
 * The demo orders are placed by the real rules, which read who owns a customer, its group, its
 * order parties and its credit limits from funnel's replicas. Those fill from the customers
 * subgraph's events, which its own seed has only just recorded, so the orders wait until the
 * replicas know every customer (the `regular` ones outside groups, and every group's members) and
 * group they use rather than being attributed, billed and
 * credit-checked against a half-filled replica. It reads outside the caller's transaction, so
 * rows the consumers commit meanwhile are seen.
 */
export async function untilCustomerReplicasKnow(em: EntityManager, data: DemoData, regular: readonly DemoData['customers'][number][]): Promise<void> {
  const expected = expectedOf(data, regular);
  const members = expected.groups.flatMap((group) => group.members.map((member) => ({ ...member, groupId: group.topId })));
  const branches = members.filter((member) => member.parentId !== null);
  const billed = members.filter((member) => member.billToId !== null);
  const limits = [...members.map((member) => `${member.customerId}:CUSTOMER`), ...expected.groups.map((group) => `${group.topId}:GROUP`)];
  const want = { owners: expected.customerIds.length, shared: expected.sharedIds.length, teams: expected.teamIds.length, hierarchy: branches.length, parties: billed.length, limits: limits.length };
  let seen: typeof want | undefined;
  for (let poll = 0; poll < POLLS; poll += 1) {
    [seen] = (await em.getConnection().execute(
      `select (select count(*) from customer_owner where customer_id = any(?::uuid[]))::int as owners,
              (select count(*) from customer_owner where customer_id = any(?::uuid[]) and sales_team_id is not null)::int as shared,
              (select count(*) from directory_sales_team where id = any(?::uuid[]))::int as teams,
              (select count(*) from customer_hierarchy_replica h join unnest(?::uuid[], ?::uuid[]) as w(c, g) on h.customer_id = w.c and h.group_id = w.g)::int as hierarchy,
              (select count(*) from customer_order_parties_replica p join unnest(?::uuid[], ?::uuid[]) as w(c, b) on p.customer_id = w.c and p.bill_to_id = w.b)::int as parties,
              (select count(*) from customer_credit_limit_replica where customer_id::text || ':' || scope = any(?::text[]))::int as limits`,
      [
        pgArray(expected.customerIds),
        pgArray(expected.sharedIds),
        pgArray(expected.teamIds),
        pgArray(branches.map((member) => member.customerId)),
        pgArray(branches.map((member) => member.groupId)),
        pgArray(billed.map((member) => member.customerId)),
        pgArray(billed.map((member) => member.billToId)),
        pgArray(limits),
      ],
    )) as (typeof want)[];
    if (Object.entries(want).every(([key, count]) => seen![key as keyof typeof want] >= count)) return;
    await sleep(POLL_MS);
  }
  throw new Error(
    `demo data: funnel's customer replicas still lack the customers subgraph's demo customers and groups after ${(POLLS * POLL_MS) / 1000} s (want ${JSON.stringify(want)}, have ${JSON.stringify(seen)})`,
  );
}

/**
 * What the orders use: the regular customers and every group member known to the ownership
 * replica, which of them a sales team shares and the teams (product lines are credited by the
 * team's map), and the groups.
 */
function expectedOf(data: DemoData, regular: readonly DemoData['customers'][number][]) {
  const groups = data.customerGroups;
  return {
    customerIds: [...regular.map((customer) => customer.id), ...groups.flatMap((group) => group.members.map((member) => member.customerId))],
    sharedIds: regular.filter((customer) => customer.salesTeamId).map((customer) => customer.id),
    teamIds: data.salesTeams.map((team) => team.id),
    groups,
  };
}
