import { Events, recordEvent } from '@crm/events';
import { fields, findPage, parseInput, type Actor, type Connection, type PageRequest } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { customerHandler, isCustomerVisible, visibleCustomerCondition } from '../customer-owner';
import { CustomerNotVisibleException } from './complaint.exception';
import { Complaint } from './complaint.entity';

const fileComplaintInput = z.object({
  customerId: fields.id('customerId'),
  subject: fields.text(200),
  description: fields.text(5000),
  severity: z.enum(['LOW', 'MEDIUM', 'HIGH']),
});

export async function fileComplaint(em: EntityManager, actor: Actor, input: unknown): Promise<Complaint> {
  const data = parseInput(fileComplaintInput, input);
  if (!(await isCustomerVisible(em, actor, data.customerId))) throw new CustomerNotVisibleException(data.customerId);
  const handlerId = await customerHandler(em, data.customerId, new Date());
  const complaint = em.create(Complaint, { ...data, filedById: actor.userId, handlerId });
  recordComplaintFiled(em, complaint);
  await em.flush();
  return complaint;
}

export function recordComplaintFiled(em: EntityManager, complaint: Complaint): void {
  recordEvent(em, 'service', {
    type: Events.ComplaintFiled,
    key: complaint.id,
    payload: { complaintId: complaint.id, customerId: complaint.customerId, severity: complaint.severity, handlerId: complaint.handlerId },
  });
}

export function listComplaints(em: EntityManager, actor: Actor | null, page: PageRequest): Promise<Connection<Complaint>> {
  return findPage(em, Complaint, page, visibleCustomerCondition(actor, 'customer_id'));
}
