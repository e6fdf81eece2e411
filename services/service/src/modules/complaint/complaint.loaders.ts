import { PageLoader, entityLoader, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { visibleCustomerCondition } from '../customer-owner';
import { Complaint } from './complaint.entity';

/** Every way to read complaints goes through the visibility of their customer. */
export function createComplaintLoaders(em: EntityManager, actor: Actor | null) {
  const visible = visibleCustomerCondition(actor, 'customer_id');
  return {
    complaint: entityLoader(em, Complaint, visible),
    complaintsByCustomer: new PageLoader(em, Complaint, 'customer_id', visible),
  };
}
