import { Events, recordEvent } from '@crm/events';
import {
  fields,
  findPage,
  parseInput,
  requireOwnerInReach,
  visibleOwnerConditionFor,
  type Actor,
  type Connection,
  type PageRequest,
} from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { Lead } from './lead.entity';

const createLeadInput = z.object({
  title: fields.text(200),
  source: z.enum(['WEB_INQUIRY', 'CRAWLED', 'PURCHASED_LIST', 'BUSINESS_CARD', 'EVENT']),
  customerId: fields.id('customerId').nullish(),
  ownerId: fields.id('ownerId').nullish(),
});

export async function createLead(em: EntityManager, actor: Actor, input: unknown): Promise<Lead> {
  const data = parseInput(createLeadInput, input);
  const ownerId = data.ownerId ?? actor.userId;
  await requireOwnerInReach(em, actor, ownerId);
  const lead = em.create(Lead, {
    title: data.title,
    source: data.source,
    customerId: data.customerId ?? null,
    ownerId,
    createdById: actor.userId,
  });
  recordLeadCreated(em, lead);
  await em.flush();
  return lead;
}

export function recordLeadCreated(em: EntityManager, lead: Lead): void {
  recordEvent(em, 'funnel', {
    type: Events.LeadCreated,
    key: lead.id,
    payload: { leadId: lead.id, customerId: lead.customerId, ownerId: lead.ownerId },
  });
}

export function listLeads(em: EntityManager, actor: Actor | null, page: PageRequest): Promise<Connection<Lead>> {
  return findPage(em, Lead, page, visibleOwnerConditionFor(actor, 'owner_id'));
}
