import { customerHandler, requireVisibleCustomer } from '@crm/customers/replica';
import { Events } from '@crm/events';
import { fields, findPage, parseInput, requireActor, type Actor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { ComplaintSeverity } from '../../generated/graphql';
import { Complaint } from './complaint.entity';
import { visibleComplaints } from './complaint.loaders';

const fileComplaintInput = z.object({
  customerId: fields.id('customerId'),
  subject: fields.text(200),
  description: fields.text(5000),
  severity: z.enum(ComplaintSeverity),
});

/** Records a customer's complaint and routes it to whoever handles the customer's work now (ORG-5). */
export async function fileComplaint(scope: Scope, input: unknown): Promise<Complaint> {
  const { em, clock } = scope;
  const actor = requireActor(scope.actor);
  const data = parseInput(fileComplaintInput, input);
  // The customer is checked against what the actor sees in service's replica of customers: a
  // hidden customer and a made-up id get the same NOT_FOUND (see requireVisibleCustomer).
  await requireVisibleCustomer(em, actor, data.customerId);
  const now = clock.now();
  const handlerId = await customerHandler(em, data.customerId, now);
  const complaint = em.create(Complaint, { ...data, filedById: actor.userId, handlerId, createdAt: now });
  recordComplaintFiled(scope, complaint);
  // Routing decides who works it: audited like every later change of handler.
  scope.audit({ subjectType: 'Complaint', subjectId: complaint.id, action: 'complaint.assigned', before: { handlerId: null }, after: { handlerId } });
  await em.flush();
  return complaint;
}

export function recordComplaintFiled(scope: Scope, complaint: Complaint): void {
  scope.recordEvent({
    type: Events.ComplaintFiled,
    key: complaint.id,
    payload: { complaintId: complaint.id, customerId: complaint.customerId, severity: complaint.severity, handlerId: complaint.handlerId },
  });
}

/**
 * The one rule of a change of a complaint's handler: announced and audited. Today only a leaver's
 * hand-over moves complaints (ORG-7).
 */
export function changeComplaintHandler(scope: Scope, complaint: Complaint, toHandlerId: string, reason: string | null = null): void {
  const fromHandlerId = complaint.handlerId;
  // Nobody was available when it was filed: routing it later is a rule of its own, not a hand-over.
  if (!fromHandlerId) throw new Error(`Complaint ${complaint.id} has no handler to hand over from.`);
  complaint.handlerId = toHandlerId;
  scope.recordEvent({ type: Events.ComplaintReassigned, key: complaint.id, payload: { complaintId: complaint.id, fromHandlerId, toHandlerId } });
  scope.audit({
    subjectType: 'Complaint',
    subjectId: complaint.id,
    action: 'complaint.reassigned',
    before: { handlerId: fromHandlerId },
    after: { handlerId: toHandlerId },
    reason,
  });
}

export function listComplaints(em: EntityManager, actor: Actor | null, page: PageRequest): Promise<Connection<Complaint>> {
  return findPage(em, Complaint, page, visibleComplaints(actor));
}
