import { requireVisibleCustomer } from '@crm/customers/replica';
import { Events } from '@crm/events';
import { fields, findPage, parseInput, requireActor, type Actor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import { requireOwnerInReach } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { LeadOrder, LeadSource } from '../../generated/graphql';
import { scoreRank } from '../scoring';
import { cleanIntake, findMatches, INVALID_PHONE_HANDLING, judge, leadIntakeInput, type CleanLead, type Verdict } from './lead-cleaning';
import { Lead } from './lead.entity';
import { InvalidPhoneException } from './lead.exception';
import { visibleLeads } from './lead.loaders';

const createLeadInput = z.object({
  title: fields.text(200),
  source: z.enum(LeadSource),
  customerId: fields.id('customerId').nullish(),
  ownerId: fields.id('ownerId').nullish(),
  ...leadIntakeInput,
  onInvalidPhone: z.enum(INVALID_PHONE_HANDLING).nullish(),
});

/** A lead as cleaning left it, not yet persisted: createLead persists one, an import inserts a batch at once. */
export function newLead(scope: Scope, base: { title: string; source: LeadSource; ownerId: string }, lead: CleanLead, verdict: Verdict): Lead {
  return Object.assign(new Lead(), {
    ...base,
    ...lead.fields,
    status: verdict.status,
    customerId: verdict.customerId,
    duplicateOfId: verdict.duplicateOfId,
    companyMatch: lead.companyMatch,
    cleaningNotes: verdict.finding ? [...lead.notes, verdict.finding] : lead.notes,
    createdById: requireActor(scope.actor).userId,
    createdAt: scope.clock.now(),
  });
}

/**
 * Enters a lead for oneself, or (an assistant, a manager) for someone within reach (ORG-6), for a
 * customer the actor sees, if any, through FUN-1's cleaning: an invalid phone is flagged on the
 * lead or refuses it (onInvalidPhone: REMOVE); a lead that is already a customer or repeats an
 * open lead is kept linked to it, settled, with the finding in its cleaningNotes.
 */
export async function createLead(scope: Scope, input: unknown): Promise<Lead> {
  const { em } = scope;
  const actor = requireActor(scope.actor);
  const data = parseInput(createLeadInput, input);
  const ownerId = data.ownerId ?? actor.userId;
  await requireOwnerInReach(em, actor, ownerId);
  // The customer must be one the actor sees in funnel's replica of customers; a hidden customer
  // and a made-up id get the same NOT_FOUND and nothing is written. A customer created a moment ago
  // whose event the replica has not received yet is NOT_FOUND too, until it arrives.
  if (data.customerId) await requireVisibleCustomer(em, actor, data.customerId);
  const cleaned = cleanIntake(data, data.onInvalidPhone ?? 'FLAG');
  if (!cleaned.ok) throw new InvalidPhoneException(cleaned.removed);
  const matches = await findMatches(em, actor, [cleaned.lead]);
  // A lead entered for a named customer is that customer's on purpose: only repeats of open leads count.
  const verdict = judge(cleaned.lead, data.customerId ? { ...matches, customerOf: () => undefined } : matches);
  const lead = newLead(scope, { title: data.title, source: data.source, ownerId }, cleaned.lead, verdict);
  lead.customerId ??= data.customerId ?? null;
  em.persist(lead);
  recordLeadCreated(scope, lead);
  await em.flush();
  return lead;
}

export function recordLeadCreated(scope: Scope, lead: Lead): void {
  scope.recordEvent({
    type: Events.LeadCreated,
    key: lead.id,
    payload: { leadId: lead.id, customerId: lead.customerId, ownerId: lead.ownerId },
  });
}

/**
 * The one rule of a change of a lead's owner: the change is announced and audited, since the owner
 * decides who sees the lead (ORG-2). A leaver's hand-over (ORG-7) and distribution move leads.
 */
export function changeLeadOwner(scope: Scope, lead: Lead, toOwnerId: string, reason: string | null = null): void {
  const fromOwnerId = lead.ownerId;
  lead.ownerId = toOwnerId;
  scope.recordEvent({ type: Events.LeadReassigned, key: lead.id, payload: { leadId: lead.id, fromOwnerId, toOwnerId } });
  scope.audit({
    subjectType: 'Lead',
    subjectId: lead.id,
    action: 'lead.reassigned',
    before: { ownerId: fromOwnerId },
    after: { ownerId: toOwnerId },
    reason,
  });
}

export function listLeads(em: EntityManager, actor: Actor | null, page: PageRequest, orderBy: LeadOrder = LeadOrder.Newest): Promise<Connection<Lead>> {
  return findPage(em, Lead, page, visibleLeads(actor), orderBy === LeadOrder.Score ? { rankBy: scoreRank('LEAD') } : {});
}
