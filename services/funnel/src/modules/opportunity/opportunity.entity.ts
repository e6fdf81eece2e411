import { MONEY_COLUMN, MoneyType, newId, type Money } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { CustomerLifecycle, OpportunityStatus } from '../../generated/graphql';

/** The fields a stage may require (OpportunityField), as properties. */
export const STAGE_FIELDS = {
  AMOUNT: 'amount',
  EXPECTED_CLOSE_DATE: 'expectedCloseDate',
  DECISION_MAKER: 'decisionMaker',
  COMPETITOR: 'competitor',
  QUOTE_ID: 'quoteId',
} as const;

type StageFieldValues = { amount: Money | null } & { [F in Exclude<(typeof STAGE_FIELDS)[keyof typeof STAGE_FIELDS], 'amount'>]: string | null };

export class Opportunity implements StageFieldValues {
  [OptionalProps]?: 'id' | 'status' | 'amount' | 'expectedCloseDate' | 'decisionMaker' | 'competitor' | 'quoteId' | 'closeReason' | 'closedAt' | 'closedById' | 'sourceLeadId';
  id: string = newId();
  /** A customer of the customers subgraph; one funnel assigned at conversion until customers created it. */
  customerId!: string;
  ownerId!: string;
  pipelineId!: string;
  stageId!: string;
  amount: Money | null = null;
  /** YYYY-MM-DD on the Shanghai calendar: a day, not an instant. */
  expectedCloseDate: string | null = null;
  decisionMaker: string | null = null;
  competitor: string | null = null;
  quoteId: string | null = null;
  status: OpportunityStatus = OpportunityStatus.Open;
  closeReason: string | null = null;
  closedAt: Date | null = null;
  closedById: string | null = null;
  sourceLeadId: string | null = null;
  createdAt!: Date;
}

export const OpportunitySchema = new EntitySchema<Opportunity>({
  class: Opportunity,
  tableName: 'opportunity',
  properties: {
    id: { type: 'uuid', primary: true },
    customerId: { type: 'uuid' },
    ownerId: { type: 'uuid' },
    pipelineId: { type: 'uuid' },
    stageId: { type: 'uuid' },
    amount: { type: MoneyType, columnType: MONEY_COLUMN, nullable: true },
    expectedCloseDate: { type: 'string', columnType: 'date', nullable: true },
    decisionMaker: { type: 'string', nullable: true },
    competitor: { type: 'string', nullable: true },
    quoteId: { type: 'string', nullable: true },
    status: { type: 'string' },
    closeReason: { type: 'text', nullable: true },
    closedAt: { type: 'datetime', nullable: true },
    closedById: { type: 'uuid', nullable: true },
    sourceLeadId: { type: 'uuid', nullable: true },
    createdAt: { type: 'datetime' },
  },
});

/** One stage move; the stages are read from the pipeline, which keeps retired ones. */
export class StageChange {
  [OptionalProps]?: 'id';
  id: string = newId();
  opportunityId!: string;
  pipelineId!: string;
  fromStageId!: string | null;
  toStageId!: string;
  movedById!: string;
  movedAt!: Date;
}

export const StageChangeSchema = new EntitySchema<StageChange>({
  class: StageChange,
  tableName: 'opportunity_stage_change',
  properties: {
    id: { type: 'uuid', primary: true },
    opportunityId: { type: 'uuid' },
    pipelineId: { type: 'uuid' },
    fromStageId: { type: 'uuid', nullable: true },
    toStageId: { type: 'uuid' },
    movedById: { type: 'uuid' },
    movedAt: { type: 'datetime' },
  },
});

/**
 * Where a customer stands for funnel (FUN-2): kept here, not in customers' replica, because funnel
 * decides it. PROSPECT until its first paid order — customer.first_paid, from the orders issue,
 * will make it ACTIVE; a customer without a row is a PROSPECT too.
 */
export class CustomerLifecycleRecord {
  customerId!: string;
  status: CustomerLifecycle = CustomerLifecycle.Prospect;
  /** FUN-2: the Shanghai day its first order was fully paid (payment module's migration adds the column). */
  activeSince: string | null = null;
}

export const CustomerLifecycleSchema = new EntitySchema<CustomerLifecycleRecord>({
  class: CustomerLifecycleRecord,
  tableName: 'customer_lifecycle',
  properties: {
    customerId: { type: 'uuid', primary: true },
    status: { type: 'string' },
    activeSince: { type: 'string', columnType: 'date', nullable: true },
  },
});
