import { visibleCustomerCondition } from '@crm/customers/replica';
import { PageLoader, entityLoader, type Actor, type RowCondition } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Complaint } from './complaint.entity';

/** A complaint is visible to whoever sees its customer (ORG-2, ORG-4, ORG-5). */
export const visibleComplaints = (actor: Actor | null): RowCondition => visibleCustomerCondition(actor, 'customer_id');

/** Every way to read complaints goes through the visibility of their customer. */
export function createComplaintLoaders(em: EntityManager, actor: Actor | null) {
  const visible = visibleComplaints(actor);
  return {
    complaint: entityLoader(em, Complaint, visible),
    complaintsByCustomer: new PageLoader(em, Complaint, 'customer_id', visible),
  };
}

export type ComplaintLoaders = ReturnType<typeof createComplaintLoaders>;
