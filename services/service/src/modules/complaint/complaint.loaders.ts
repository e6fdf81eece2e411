import { PageLoader, entityLoader } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Complaint } from './complaint.entity';

export function createComplaintLoaders(em: EntityManager) {
  return {
    complaint: entityLoader(em, Complaint),
    complaintsByCustomer: new PageLoader(em, Complaint, 'customer_id'),
  };
}
