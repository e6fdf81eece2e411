import { CREDIT_LIMITS_SQL, creditLimitsFrom, creditLimitsOfMany, type CreditLimits, type CreditLimitsRow } from '@crm/customers/replica';
import { pgArray } from '@crm/events';
import { Money, sqlRows, type RowCondition } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { CreditScope } from '../../generated/graphql';
import type { CreditCheckFigures, CreditLimitFigures } from './order.entity';


/**
 * Open exposure (CUS-4): what is still owed on placed orders billed to the party (`party`, a column)
 * and to any member of its group (`group`). Both sums read only the partial index of unpaid orders.
 */
const exposureColumns = (party: string, group: string) => `
  (select coalesce(sum(o.open_amount), 0) from sales_order o where o.open_amount > 0 and o.bill_to_id = ${party})::text as own_exposure,
  (select coalesce(sum(o.open_amount), 0) from sales_order o
    where o.open_amount > 0 and o.bill_to_id in (select ${group} union all select h.customer_id from customer_hierarchy_replica h where h.group_id = ${group}))::text as group_exposure`;

interface ExposureRow {
  own_exposure: string;
  group_exposure: string;
}

function limitCheck(scope: CreditScope, partyId: string, limit: Money | null, exposure: Money, orderAmount: Money): CreditLimitFigures {
  const exposureAfter = exposure.plus(orderAmount);
  return { scope, partyId, limit: limit?.toString() ?? null, exposure: exposure.toString(), exposureAfter: exposureAfter.toString(), exceeded: limit !== null && exposureAfter.compare(limit) > 0 };
}

function figures(billToId: string, limits: CreditLimits, open: ExposureRow, orderAmount: Money): CreditCheckFigures {
  const checks = [
    limitCheck(CreditScope.Customer, billToId, limits.own, Money.fromNumeric(open.own_exposure), orderAmount),
    limitCheck(CreditScope.Group, limits.group.groupId, limits.group.limit, Money.fromNumeric(open.group_exposure), orderAmount),
  ];
  return { withinLimits: checks.every((check) => !check.exceeded), orderAmount: orderAmount.toString(), limits: checks };
}

/**
 * Where customers stand now (no order added), limits and exposure in one statement: `Customer.credit`
 * for a page of customers, and a preview's check. Only those `visible` allows (a condition on
 * `customer_id`) are answered.
 */
export async function creditStandings(em: EntityManager, customerIds: readonly string[], visible?: RowCondition, orderAmount = Money.zero): Promise<Map<string, CreditCheckFigures>> {
  const found = await sqlRows<CreditLimitsRow & ExposureRow>(
    em,
    `with l as (${CREDIT_LIMITS_SQL}) select l.*, ${exposureColumns('l.customer_id', 'l.group_id')} from l ${visible ? `where ${visible.sql}` : ''}`,
    [pgArray(customerIds), ...(visible?.params ?? [])],
  );
  return new Map(found.map((row) => [row.customer_id, figures(row.customer_id, creditLimitsFrom(row), row, orderAmount)]));
}

/**
 * CUS-4 at placement: the bill-to party's own limit and its group's, each against open exposure
 * plus this order. The group's lock is taken first, so placements into one group run one at a time
 * and two orders cannot both pass against the same headroom; the exposure is read only once the
 * lock is held (a statement sees what committed before it began), and the lock ends with the
 * transaction. `limits`: the bill-to party's, when the caller read them already.
 */
export async function checkCreditToPlace(em: EntityManager, billToId: string, orderAmount: Money, limits?: CreditLimits): Promise<CreditCheckFigures> {
  const own = limits ?? (await creditLimitsOfMany(em, [billToId])).get(billToId)!;
  await sqlRows(em, 'select pg_advisory_xact_lock(hashtext(?))', [`credit:${own.group.groupId}`]);
  const [open] = await sqlRows<ExposureRow>(em, `select ${exposureColumns('?::uuid', '?::uuid')}`, [billToId, own.group.groupId, own.group.groupId, own.group.groupId]);
  return figures(billToId, own, open!, orderAmount);
}
