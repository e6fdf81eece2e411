import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { NewCustomerReviewState, NewCustomerRiskCode } from '../../generated/graphql';

/** One thing risk control found (FUN-9): `evidenceIds` name the leads or customers it rests on. */
export interface RiskFinding {
  code: NewCustomerRiskCode;
  message: string;
  evidenceIds: string[];
}

/**
 * A converted lead's new customer as risk control assessed it at conversion: CLEARED, or PENDING
 * with its findings until a reviewer APPROVES or REJECTS it. Only CLEARED and APPROVED earn KPI credit.
 */
export class NewCustomerReview {
  [OptionalProps]?: 'id' | 'revision' | 'decidedById' | 'decidedAt' | 'decisionNote';
  id: string = newId();
  customerId!: string;
  leadId!: string;
  /** The rep the customer is credited to: the lead's owner. */
  ownerId!: string;
  convertedById!: string;
  state!: NewCustomerReviewState;
  findings!: RiskFinding[];
  /** Goes up with every change, so analytics keeps the latest whatever order events arrive in. */
  revision = 1;
  createdAt!: Date;
  decidedById: string | null = null;
  decidedAt: Date | null = null;
  decisionNote: string | null = null;
}

export const NewCustomerReviewSchema = new EntitySchema<NewCustomerReview>({
  class: NewCustomerReview,
  tableName: 'new_customer_review',
  properties: {
    id: { type: 'uuid', primary: true },
    customerId: { type: 'uuid' },
    leadId: { type: 'uuid' },
    ownerId: { type: 'uuid' },
    convertedById: { type: 'uuid' },
    state: { type: 'string' },
    findings: { type: 'json' },
    revision: { type: 'integer' },
    createdAt: { type: 'datetime' },
    decidedById: { type: 'uuid', nullable: true },
    decidedAt: { type: 'datetime', nullable: true },
    decisionNote: { type: 'text', nullable: true },
  },
});

/** What makes a conversion suspicious; an admin sets them, the defaults apply until then. */
export interface RiskThresholds {
  /** DEVICE_BURST: this many sign-up leads from one device within deviceBurstHours of each other. */
  deviceBurstCount: number;
  deviceBurstHours: number;
  /** PHONE_BURST: one phone number on this many leads within phoneBurstHours of each other. */
  phoneBurstCount: number;
  phoneBurstHours: number;
  /** FAST_CONVERSION: a lead converted sooner than this after it was entered… */
  fastConversionMinutes: number;
  /** …or more new customers than this credited to one rep within an hour. */
  conversionsPerHour: number;
}

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = {
  deviceBurstCount: 3,
  deviceBurstHours: 24,
  phoneBurstCount: 3,
  phoneBurstHours: 24,
  fastConversionMinutes: 10,
  conversionsPerHour: 10,
};

/** The one row of thresholds an admin set; absent until the first change. */
export class NewCustomerRiskSettings implements RiskThresholds {
  id = 'current';
  deviceBurstCount!: number;
  deviceBurstHours!: number;
  phoneBurstCount!: number;
  phoneBurstHours!: number;
  fastConversionMinutes!: number;
  conversionsPerHour!: number;
  updatedAt!: Date;
  updatedById!: string;
}

export const NewCustomerRiskSettingsSchema = new EntitySchema<NewCustomerRiskSettings>({
  class: NewCustomerRiskSettings,
  tableName: 'new_customer_risk_settings',
  properties: {
    id: { type: 'string', primary: true },
    deviceBurstCount: { type: 'integer' },
    deviceBurstHours: { type: 'integer' },
    phoneBurstCount: { type: 'integer' },
    phoneBurstHours: { type: 'integer' },
    fastConversionMinutes: { type: 'integer' },
    conversionsPerHour: { type: 'integer' },
    updatedAt: { type: 'datetime' },
    updatedById: { type: 'uuid' },
  },
});
