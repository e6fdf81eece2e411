import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { LeadAssignment } from './assignment.entity';

/** Lead.assignment, a page of leads in one statement; a lead is read only through its own visibility. */
export function createAssignmentLoaders(em: EntityManager) {
  return {
    leadAssignment: new DataLoader<string, LeadAssignment | null>(async (leadIds) => {
      const found = new Map((await em.find(LeadAssignment, { leadId: { $in: [...leadIds] } })).map((record) => [record.leadId, record]));
      return leadIds.map((id) => found.get(id) ?? null);
    }),
  };
}

export type AssignmentLoaders = ReturnType<typeof createAssignmentLoaders>;
