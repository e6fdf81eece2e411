import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { LeadStatus, type LeadSource } from '../../generated/graphql';

/** Leads someone still has to work; the others are settled. */
export const OPEN_LEAD_STATUSES: readonly LeadStatus[] = [LeadStatus.New, LeadStatus.Verified];

/** What cleaning flagged on a lead it kept (FUN-1): `code` is stable, `field` the input field at fault. */
export interface CleaningNote {
  code: string;
  field: string | null;
  message: string;
}

/** The intake fields besides title and source (FUN-1); absent ones are null. */
export const INTAKE_FIELDS = ['companyName', 'contactName', 'mobile', 'landline', 'email', 'uscc', 'divisionCode', 'notes', 'industry', 'companySize', 'deviceId'] as const;
type IntakeFields = { [F in (typeof INTAKE_FIELDS)[number]]: string | null };

export class Lead implements IntakeFields {
  [OptionalProps]?:
    | 'id'
    | 'status'
    | 'customerId'
    | (typeof INTAKE_FIELDS)[number]
    | 'companyMatch'
    | 'cleaningNotes'
    | 'duplicateOfId'
    | 'verifiedAt'
    | 'verifiedById'
    | 'rejectionReason';
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
  /** The company, as written. */
  companyName: string | null = null;
  contactName: string | null = null;
  /** Valid numbers normalised (11 digits; a landline with its area code's 0), a flagged one as written. */
  mobile: string | null = null;
  landline: string | null = null;
  email: string | null = null;
  uscc: string | null = null;
  divisionCode: string | null = null;
  notes: string | null = null;
  /** FUN-3's fit: what the company does and how big it is (CompanySize). */
  industry: string | null = null;
  companySize: string | null = null;
  /** FUN-9: the device a web sign-up came from, to spot many sign-ups from one device. */
  deviceId: string | null = null;
  /** The company name as open leads are compared by (lead-cleaning.ts). */
  companyMatch: string | null = null;
  cleaningNotes: CleaningNote[] = [];
  /** The open lead this one repeats (status DUPLICATE). */
  duplicateOfId: string | null = null;
  verifiedAt: Date | null = null;
  verifiedById: string | null = null;
  /** Why telesales discarded it. */
  rejectionReason: string | null = null;
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
    companyName: { type: 'string', nullable: true },
    contactName: { type: 'string', nullable: true },
    mobile: { type: 'string', nullable: true },
    landline: { type: 'string', nullable: true },
    email: { type: 'string', nullable: true },
    uscc: { type: 'string', nullable: true },
    divisionCode: { type: 'string', nullable: true },
    notes: { type: 'text', nullable: true },
    industry: { type: 'string', nullable: true },
    companySize: { type: 'string', nullable: true },
    deviceId: { type: 'string', nullable: true },
    companyMatch: { type: 'string', nullable: true },
    cleaningNotes: { type: 'json' },
    duplicateOfId: { type: 'uuid', nullable: true },
    verifiedAt: { type: 'datetime', nullable: true },
    verifiedById: { type: 'uuid', nullable: true },
    rejectionReason: { type: 'text', nullable: true },
  },
});
