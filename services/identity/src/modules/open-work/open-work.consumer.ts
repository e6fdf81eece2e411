import { Events, type EventConsumer } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { OpenWorkItem, type OpenWorkKind } from './open-work-item.entity';

/** Upserting by record makes every handler safe to replay. */
async function hold(em: EntityManager, kind: OpenWorkKind, recordId: string, holderId: string): Promise<void> {
  await em.upsert(OpenWorkItem, { kind, recordId, holderId });
}

export const openWorkConsumer: EventConsumer = {
  name: 'open-work',
  handlers: {
    [Events.CustomerCreated]: (em, { customerId, ownerId }) => hold(em, 'CUSTOMER', customerId, ownerId),
    [Events.CustomerReassigned]: (em, { customerId, toOwnerId }) => hold(em, 'CUSTOMER', customerId, toOwnerId),
    [Events.LeadCreated]: (em, { leadId, ownerId }) => hold(em, 'LEAD', leadId, ownerId),
    [Events.LeadReassigned]: (em, { leadId, toOwnerId }) => hold(em, 'LEAD', leadId, toOwnerId),
    [Events.ComplaintFiled]: async (em, { complaintId, handlerId }) => {
      if (handlerId) await hold(em, 'COMPLAINT', complaintId, handlerId);
    },
    [Events.ComplaintReassigned]: (em, { complaintId, toHandlerId }) => hold(em, 'COMPLAINT', complaintId, toHandlerId),
  },
};
