import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { LeadStatus, type LeadSource } from '../../generated/graphql';

/** Leads someone still has to work; the others are settled. */
export const OPEN_LEAD_STATUSES: readonly LeadStatus[] = [LeadStatus.New, LeadStatus.Verified];

export class Lead {
  [OptionalProps]?: 'id' | 'status' | 'customerId';
  id: string = newId();
  title!: string;
  source!: LeadSource;
  status: LeadStatus = LeadStatus.New;
  /** A customer in the customers subgraph, once the lead is matched to one. */
  customerId: string | null = null;
  ownerId!: string;
  /** Who entered it: the owner, or an assistant acting for them (ORG-6). */
  createdById!: string;
  /** The scope's clock, never the wall clock. */
  createdAt!: Date;
}

export const LeadSchema = new EntitySchema<Lead>({
  class: Lead,
  tableName: 'lead',
  properties: {
    id: { type: 'uuid', primary: true },
    title: { type: 'string' },
    source: { type: 'string' },
    status: { type: 'string' },
    customerId: { type: 'uuid', nullable: true },
    ownerId: { type: 'uuid' },
    createdById: { type: 'uuid' },
    createdAt: { type: 'datetime' },
  },
});
