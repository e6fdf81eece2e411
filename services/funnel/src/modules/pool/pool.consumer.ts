import { CustomerOwnerReplica } from '@crm/customers/replica';
import { Events, type EventConsumer } from '@crm/events';
import { eventScope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { PoolRecordType, PoolState } from '../../generated/graphql';
import { Lead } from '../lead';
import { Opportunity } from '../opportunity';
import { refreshDropDates } from './drop-dates';
import { enterPrivatePool } from './pool-entry';
import { customersEnabledFor } from './pool-policy';
import { PoolEntry } from './pool.entity';

/** A note is not a follow-up; a call, a WeChat, a meeting or a visit is. */
const NOT_FOLLOW_UPS = ['NOTE'];

/** Moves one clock of the matching private entries forward (never back: events may arrive late) and their drop dates with it. */
async function touch(em: EntityManager, column: 'last_follow_up_at' | 'last_stage_move_at', where: string, params: unknown[], at: string): Promise<void> {
  const condition = { sql: `e.state = 'PRIVATE' and ${where}`, params };
  await em.getConnection().execute(`update pool_entry e set ${column} = greatest(${column}, ?::timestamptz) where ${condition.sql}`, [at, ...params], 'run', em.getTransactionContext());
  await refreshDropDates(em, condition);
}

/** An opportunity's entry follows its customer; a merged customer's own entry goes (the survivor has one, or none is needed). */
async function repointCustomer(em: EntityManager, fromId: string, toId: string): Promise<void> {
  await em.nativeDelete(PoolEntry, { recordType: PoolRecordType.Customer, recordId: fromId });
  await em.nativeUpdate(PoolEntry, { customerId: fromId }, { customerId: toId });
}

/** Where an opportunity is: its customer's division from the replica, else (a customer customers has not created yet) its lead's. */
async function divisionOf(em: EntityManager, opportunity: Opportunity): Promise<string | null> {
  const customer = await em.findOne(CustomerOwnerReplica, { customerId: opportunity.customerId });
  if (customer?.divisionCode) return customer.divisionCode;
  const lead = opportunity.sourceLeadId ? await em.findOne(Lead, { id: opportunity.sourceLeadId }) : null;
  return lead?.divisionCode ?? null;
}

/**
 * FUN-4: an opportunity enters its owner's private pool when converted, its clocks move with its
 * stage moves and the customer's interactions, and it leaves the pools when won or lost. Customers
 * enter at creation where their owner's unit enables customer pools. Each handler is idempotent.
 */
export const poolConsumer: EventConsumer = {
  name: 'pool-clocks',
  handlers: {
    [Events.OpportunityStageChanged]: async (em, { opportunityId, fromStageId }, envelope) => {
      if (fromStageId) return touch(em, 'last_stage_move_at', 'e.record_type = ? and e.record_id = ?', [PoolRecordType.Opportunity, opportunityId], envelope.time);
      const opportunity = await em.findOneOrFail(Opportunity, { id: opportunityId });
      await enterPrivatePool(eventScope('funnel', em, envelope), {
        recordType: PoolRecordType.Opportunity,
        recordId: opportunity.id,
        customerId: opportunity.customerId,
        ownerId: opportunity.ownerId,
        divisionCode: await divisionOf(em, opportunity),
      });
    },
    [Events.CustomerInteractionLogged]: async (em, { customerId, kind, occurredAt }) => {
      if (NOT_FOLLOW_UPS.includes(kind)) return;
      await touch(em, 'last_follow_up_at', 'e.customer_id = ?', [customerId], occurredAt);
    },
    [Events.OpportunityClosed]: async (em, { opportunityId }) => {
      await em.nativeDelete(PoolEntry, { recordType: PoolRecordType.Opportunity, recordId: opportunityId });
    },
    // Whoever customers makes the owner holds the customer's entry (a claim's own reassignment included).
    [Events.CustomerReassigned]: async (em, { customerId, toOwnerId }) => {
      await em.nativeUpdate(PoolEntry, { recordType: PoolRecordType.Customer, recordId: customerId, state: PoolState.Private }, { ownerId: toOwnerId });
      await refreshDropDates(em, { sql: 'e.record_type = ? and e.record_id = ?', params: [PoolRecordType.Customer, customerId] });
    },
    // What referred to a merged customer, or to a converted lead's customer that already existed, now
    // refers to the survivor: so do the pool entries, whose follow-up clock its interactions move.
    [Events.CustomerMerged]: async (em, { mergedId, survivorId }) => {
      await repointCustomer(em, mergedId, survivorId);
    },
    [Events.CustomerConversionLinked]: async (em, { customerId, existingCustomerId }) => {
      await repointCustomer(em, customerId, existingCustomerId);
    },
    // Only where the owner's unit enables customer pools: most customers never need an entry.
    [Events.CustomerCreated]: async (em, { customerId, ownerId, divisionCode }, envelope) => {
      if (!(await customersEnabledFor(em, ownerId))) return;
      await enterPrivatePool(eventScope('funnel', em, envelope), { recordType: PoolRecordType.Customer, recordId: customerId, customerId, ownerId, divisionCode });
    },
  },
};
