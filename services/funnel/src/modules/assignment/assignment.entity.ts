import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { AssignmentStrategy, LeadSource } from '../../generated/graphql';

/** How a lead was last assigned (FUN-6): shown on the lead as Lead.assignment. */
export class LeadAssignment {
  leadId!: string;
  strategy!: AssignmentStrategy;
  /** Why this rep, in words: the rule, the turn, or the proven strength. */
  reason!: string;
  assignedById!: string;
  assignedAt!: Date;
}

/** Where an assignment sends leads: exactly one of a rep, an org unit's reps, a sales team's reps. */
export interface AssignmentTarget {
  toOwnerId: string | null;
  toOrgUnitId: string | null;
  toSalesTeamId: string | null;
}

/** An admin's rule: leads matching every condition given go to its target; the lowest priority number matching first. */
export class AssignmentRule implements AssignmentTarget {
  [OptionalProps]?: 'id' | 'divisionCode' | 'industry' | 'source' | 'toOwnerId' | 'toOrgUnitId' | 'toSalesTeamId';
  id: string = newId();
  priority!: number;
  /** GB/T 2260: matches leads in this division or under it. */
  divisionCode: string | null = null;
  industry: string | null = null;
  source: LeadSource | null = null;
  toOwnerId: string | null = null;
  toOrgUnitId: string | null = null;
  toSalesTeamId: string | null = null;
  createdById!: string;
  createdAt!: Date;
}

/** Where a team's round robin stands: successive calls go on after the last rep given a lead. */
export class AssignmentCursor {
  teamKey!: string;
  lastUserId!: string;
}

export type AssignmentRunState = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';

/** A bulk assignment run as a job: its leads, in order, and how many are done. */
export class LeadAssignmentRun implements AssignmentTarget {
  [OptionalProps]?: 'id' | 'state' | 'jobId' | 'assigned' | 'finishedAt' | 'error' | 'toOwnerId' | 'toOrgUnitId' | 'toSalesTeamId';
  id: string = newId();
  strategy!: AssignmentStrategy;
  toOwnerId: string | null = null;
  toOrgUnitId: string | null = null;
  toSalesTeamId: string | null = null;
  leadIds!: string[];
  requestedById!: string;
  jobId: string | null = null;
  state: AssignmentRunState = 'PENDING';
  /** Leads done, from the start of leadIds: a retried run goes on after them. */
  assigned = 0;
  createdAt!: Date;
  finishedAt: Date | null = null;
  error: string | null = null;
}

const target = {
  toOwnerId: { type: 'uuid', nullable: true },
  toOrgUnitId: { type: 'uuid', nullable: true },
  toSalesTeamId: { type: 'uuid', nullable: true },
} as const;

export const LeadAssignmentSchema = new EntitySchema<LeadAssignment>({
  class: LeadAssignment,
  tableName: 'lead_assignment',
  properties: {
    leadId: { type: 'uuid', primary: true },
    strategy: { type: 'text' },
    reason: { type: 'text' },
    assignedById: { type: 'uuid' },
    assignedAt: { type: 'datetime' },
  },
});

export const AssignmentRuleSchema = new EntitySchema<AssignmentRule>({
  class: AssignmentRule,
  tableName: 'assignment_rule',
  properties: {
    id: { type: 'uuid', primary: true },
    priority: { type: 'integer' },
    divisionCode: { type: 'text', nullable: true },
    industry: { type: 'text', nullable: true },
    source: { type: 'text', nullable: true },
    ...target,
    createdById: { type: 'uuid' },
    createdAt: { type: 'datetime' },
  },
});

export const AssignmentCursorSchema = new EntitySchema<AssignmentCursor>({
  class: AssignmentCursor,
  tableName: 'assignment_cursor',
  properties: { teamKey: { type: 'text', primary: true }, lastUserId: { type: 'uuid' } },
});

export const LeadAssignmentRunSchema = new EntitySchema<LeadAssignmentRun>({
  class: LeadAssignmentRun,
  tableName: 'lead_assignment_run',
  properties: {
    id: { type: 'uuid', primary: true },
    strategy: { type: 'text' },
    ...target,
    leadIds: { type: 'array', columnType: 'uuid[]' },
    requestedById: { type: 'uuid' },
    jobId: { type: 'uuid', nullable: true },
    state: { type: 'text' },
    assigned: { type: 'integer' },
    createdAt: { type: 'datetime' },
    finishedAt: { type: 'datetime', nullable: true },
    error: { type: 'text', nullable: true },
  },
});
