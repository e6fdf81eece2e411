import { DomainException, ErrorCodes, type Actor, type RowCondition } from '@crm/platform';
import { directoryHandlerLookups, resolveHandler, visibleOwnerConditionFor } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import { CustomerOwnerReplica } from './customer-owner.replica';

/**
 * A customer the actor may not see, or that the replica does not hold: the two get the same answer
 * (NOT_FOUND), so a write never tells which customers exist elsewhere.
 */
export class CustomerNotVisibleException extends DomainException {
  constructor(customerId: string) {
    super(ErrorCodes.NotFound, `No customer ${customerId} that you can see.`, { reason: 'CUSTOMER_NOT_FOUND', field: 'customerId' });
  }
}

/** Rows whose customer (in `customerColumn`) the actor shares or manages (ORG-2, ORG-4, ORG-5). */
export function visibleCustomerCondition(actor: Actor | null, customerColumn: string): RowCondition {
  const sharers = visibleOwnerConditionFor(actor, ['owner_id', 'secondary_owner_id'], 'sales_team_id');
  return {
    sql: `"${customerColumn}" in (select co.customer_id from customer_owner co where ${sharers.sql})`,
    params: sharers.params,
  };
}

/** Whether the actor may see this customer (and so refer to it, and read what refers to it). */
export async function isCustomerVisible(em: EntityManager, actor: Actor, customerId: string): Promise<boolean> {
  const visible = visibleCustomerCondition(actor, 'customer_id');
  const rows = (await em
    .getConnection()
    .execute(`select 1 from (select ?::uuid as customer_id) c where ${visible.sql}`, [customerId, ...visible.params], 'all', em.getTransactionContext())) as unknown[];
  return rows.length > 0;
}

/**
 * The check before a record refers to a customer of the customers subgraph: the customer is in the
 * replica and the actor may see it, else NOT_FOUND — the same for a hidden customer and one that
 * does not exist. Read from the replica, never by calling customers: a customer created a moment
 * ago that the replica has not received yet is NOT_FOUND too, until its event arrives (usually
 * well under a second); retrying then succeeds.
 */
export async function requireVisibleCustomer(em: EntityManager, actor: Actor, customerId: string): Promise<void> {
  if (!(await isCustomerVisible(em, actor, customerId))) throw new CustomerNotVisibleException(customerId);
}

/**
 * Who handles this customer's work now (ORG-5): owner, secondary owner, then the leader of the
 * team sharing the customer (else of the owner's team), then the nearest manager.
 */
export async function customerHandler(em: EntityManager, customerId: string, at: Date): Promise<string | null> {
  const sharing = await em.findOne(CustomerOwnerReplica, { customerId });
  if (!sharing) return null;
  const handler = await resolveHandler(
    directoryHandlerLookups(em, { sharedWithTeamId: sharing.salesTeamId }),
    { primaryId: sharing.ownerId, secondaryId: sharing.secondaryOwnerId },
    at,
  );
  return handler?.userId ?? null;
}
