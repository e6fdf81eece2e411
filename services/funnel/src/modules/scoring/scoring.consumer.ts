import { Events, pgArray, type EventConsumer } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { rescore, rescoreCustomers } from './rescore';

/** A run's "now": its latest event's moment, so a redelivered run computes the same scores. */
const latestTime = (events: readonly { envelope: { time: string } }[]) => new Date(Math.max(...events.map((event) => Date.parse(event.envelope.time))));

const present = (ids: readonly (string | null)[]) => ids.filter((id): id is string => id !== null);

async function keepInteractions(em: EntityManager, interactions: readonly { interactionId: string; customerId: string; kind: string; occurredAt: string }[]): Promise<void> {
  await em.getConnection().execute(
    `insert into scoring_interaction (interaction_id, customer_id, kind, occurred_at)
     select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::timestamptz[]) on conflict do nothing`,
    [pgArray(interactions.map((i) => i.interactionId)), pgArray(interactions.map((i) => i.customerId)), pgArray(interactions.map((i) => i.kind)), pgArray(interactions.map((i) => i.occurredAt))],
    'run',
    em.getTransactionContext(),
  );
}

/**
 * FUN-3: scores follow what happens. A new lead is scored, and its customer's other records, whose
 * latest inquiry it now is; an interaction is kept (intent counts them) and its customer's records
 * rescored; a stage move rescores its opportunity. Each run is set-based — an import's leads arrive
 * by the thousand — and recomputes from facts, so a redelivery changes nothing.
 */
export const scoringConsumer: EventConsumer = {
  name: 'scoring',
  handlers: {
    [Events.LeadCreated]: {
      batch: (em, events) =>
        rescoreCustomers(
          em,
          present(events.map((e) => e.payload.customerId)),
          latestTime(events),
          events.map((e) => e.payload.leadId),
        ),
    },
    [Events.CustomerInteractionLogged]: {
      batch: async (em, events) => {
        await keepInteractions(em, events.map((e) => e.payload));
        await rescoreCustomers(em, events.map((e) => e.payload.customerId), latestTime(events));
      },
    },
    [Events.OpportunityStageChanged]: {
      batch: (em, events) => rescore(em, 'OPPORTUNITY', { ids: events.map((e) => e.payload.opportunityId) }, latestTime(events)),
    },
    // The merged customer's interactions are the survivor's; the lead module re-points its leads.
    [Events.CustomerMerged]: async (em, { survivorId, mergedId }, envelope) => {
      await em.getConnection().execute('update scoring_interaction set customer_id = ? where customer_id = ?', [survivorId, mergedId], 'run', em.getTransactionContext());
      await rescoreCustomers(em, [survivorId], new Date(envelope.time));
    },
  },
};
