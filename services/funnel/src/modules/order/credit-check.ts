import { creditLimitsOfMany, type CreditLimits } from '@crm/customers/replica';
import { pgArray } from '@crm/events';
import { Money } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { CreditScope } from '../../generated/graphql';
import type { CreditCheckFigures, CreditLimitFigures } from './order.entity';

const execute = async <T>(em: EntityManager, sql: string, params: unknown[]) => (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];

interface Exposure {
  own: Money;
  group: Money;
}

/**
 * Open exposure (CUS-4): what is still owed on placed orders billed to each party and, in the same
 * statement, to any member of its group. The sums read only the partial index of unpaid orders.
 */
async function exposures(em: EntityManager, limits: ReadonlyMap<string, CreditLimits>): Promise<Map<string, Exposure>> {
  const parties = [...limits.keys()];
  const found = await execute<{ bill_to_id: string; own: string; grp: string }>(
    em,
    `select p.bill_to_id,
            (select coalesce(sum(o.open_amount), 0) from sales_order o where o.open_amount > 0 and o.bill_to_id = p.bill_to_id)::text as own,
            (select coalesce(sum(o.open_amount), 0) from sales_order o
              where o.open_amount > 0 and o.bill_to_id in (select p.group_id union all select h.customer_id from customer_hierarchy_replica h where h.group_id = p.group_id))::text as grp
       from unnest(?::uuid[], ?::uuid[]) as p(bill_to_id, group_id)`,
    [pgArray(parties), pgArray(parties.map((id) => limits.get(id)!.group.groupId))],
  );
  return new Map(found.map((row) => [row.bill_to_id, { own: Money.fromNumeric(row.own), group: Money.fromNumeric(row.grp) }]));
}

function limitCheck(scope: CreditScope, partyId: string, limit: Money | null, exposure: Money, orderAmount: Money): CreditLimitFigures {
  const exposureAfter = exposure.plus(orderAmount);
  return { scope, partyId, limit: limit?.toString() ?? null, exposure: exposure.toString(), exposureAfter: exposureAfter.toString(), exceeded: limit !== null && exposureAfter.compare(limit) > 0 };
}

function figures(billToId: string, limits: CreditLimits, open: Exposure, orderAmount: Money): CreditCheckFigures {
  const checks = [limitCheck(CreditScope.Customer, billToId, limits.own, open.own, orderAmount), limitCheck(CreditScope.Group, limits.group.groupId, limits.group.limit, open.group, orderAmount)];
  return { withinLimits: checks.every((check) => !check.exceeded), orderAmount: orderAmount.toString(), limits: checks };
}

/** Where many customers stand now (no order added), in two statements: `Customer.credit` for a page of customers. */
export async function creditStandings(em: EntityManager, customerIds: readonly string[]): Promise<Map<string, CreditCheckFigures>> {
  const limits = await creditLimitsOfMany(em, customerIds);
  const open = await exposures(em, limits);
  return new Map([...limits].map(([id, limit]) => [id, figures(id, limit, open.get(id)!, Money.zero)]));
}

/**
 * The bill-to party's own limit and its group's, each against open exposure plus this order. To
 * place, `forPlacement` first takes the group's lock, so placements into one group run one at a
 * time and two orders cannot both pass against the same headroom; the lock ends with the
 * transaction. A preview takes none. `limits`: the bill-to party's, when the caller read them already.
 */
export async function checkCredit(em: EntityManager, billToId: string, orderAmount: Money, options: { forPlacement?: boolean; limits?: CreditLimits } = {}): Promise<CreditCheckFigures> {
  const own = options.limits ?? (await creditLimitsOfMany(em, [billToId])).get(billToId)!;
  const limits = new Map([[billToId, own]]);
  const forPlacement = options.forPlacement ?? false;
  if (forPlacement) await execute(em, 'select pg_advisory_xact_lock(hashtext(?))', [`credit:${own.group.groupId}`]);
  const open = await exposures(em, limits);
  return figures(billToId, own, open.get(billToId)!, orderAmount);
}
