import { requireVisibleCustomer } from '@crm/customers/replica';
import { Events } from '@crm/events';
import { fields, findPage, parseInput, requireActor, type Actor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import { requireOwnerInReach } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { LeadSource } from '../../generated/graphql';
import { Lead } from './lead.entity';
import { visibleLeads } from './lead.loaders';

const createLeadInput = z.object({
  title: fields.text(200),
  source: z.enum(LeadSource),
  customerId: fields.id('customerId').nullish(),
  ownerId: fields.id('ownerId').nullish(),
});

/**
 * Enters a lead for oneself, or (an assistant, a manager) for someone within reach (ORG-6), for a
 * customer the actor sees, if any.
 */
export async function createLead(scope: Scope, input: unknown): Promise<Lead> {
  const { em, clock } = scope;
  const actor = requireActor(scope.actor);
  const data = parseInput(createLeadInput, input);
  const ownerId = data.ownerId ?? actor.userId;
  await requireOwnerInReach(em, actor, ownerId);
  // The customer must be one the actor sees in funnel's replica of customers; a hidden customer
  // and a made-up id get the same NOT_FOUND and nothing is written. A customer created a moment ago
  // whose event the replica has not received yet is NOT_FOUND too, until it arrives.
  if (data.customerId) await requireVisibleCustomer(em, actor, data.customerId);
  const lead = em.create(Lead, {
    title: data.title,
    source: data.source,
    customerId: data.customerId ?? null,
    ownerId,
    createdById: actor.userId,
    createdAt: clock.now(),
  });
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
 * decides who sees the lead (ORG-2). Today only a leaver's hand-over moves leads (ORG-7).
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

export function listLeads(em: EntityManager, actor: Actor | null, page: PageRequest): Promise<Connection<Lead>> {
  return findPage(em, Lead, page, visibleLeads(actor));
}
