import { visibleOwnerConditionFor, type Actor, type RowCondition } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';

/** Rows whose customer (in `customerColumn`) is owned by someone the actor may see (ORG-2). */
export function visibleCustomerCondition(actor: Actor | null, customerColumn: string): RowCondition {
  const owners = visibleOwnerConditionFor(actor, 'owner_id');
  return {
    sql: `"${customerColumn}" in (select co.customer_id from customer_owner co where ${owners.sql})`,
    params: owners.params,
  };
}

/** Whether the actor may see this customer (and so file and read its complaints). */
export async function isCustomerVisible(em: EntityManager, actor: Actor, customerId: string): Promise<boolean> {
  const visible = visibleCustomerCondition(actor, 'customer_id');
  const rows = (await em
    .getConnection()
    .execute(`select 1 from (select ?::uuid as customer_id) c where ${visible.sql}`, [customerId, ...visible.params])) as unknown[];
  return rows.length > 0;
}
