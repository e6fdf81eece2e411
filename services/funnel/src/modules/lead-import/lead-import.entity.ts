import { newId, type ColumnMapping, type ImportFormat } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { InvalidPhoneHandling } from '../lead';
import type { LeadSource } from '../../generated/graphql';

export type ImportState = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';

/** The row counts: each row is counted once in one of them (verified and distributed are parts of created). */
export const TALLIES = ['created', 'flagged', 'matchedCustomer', 'matchedOpenLead', 'collapsed', 'removed', 'failed', 'verified', 'distributed'] as const;
export type Tally = Record<(typeof TALLIES)[number], number>;

/** One import of a file of leads (FUN-1): what to do, and how far it got. */
export class LeadImport implements Tally {
  [OptionalProps]?: 'id' | 'state' | 'jobId' | 'rows' | keyof Tally | 'doneThroughRow' | 'finishedAt' | 'error' | 'distributeToOwnerId' | 'distributeToTeamId';
  id: string = newId();
  /** Null once the upload has expired and gone. */
  uploadId!: string | null;
  fileName!: string;
  format!: ImportFormat;
  mapping!: ColumnMapping[];
  /** The file's header row, as the error report repeats it. */
  headers!: string[];
  /** For rows without a source column. */
  source!: LeadSource;
  onInvalidPhone!: InvalidPhoneHandling;
  /** A pre-verified list: clean new leads are VERIFIED as they arrive. */
  verify!: boolean;
  /** Who holds the leads that are not distributed. */
  ownerId!: string;
  distributeToOwnerId: string | null = null;
  /** Verified leads go round the team's reps in turn. */
  distributeToTeamId: string | null = null;
  requestedById!: string;
  jobId: string | null = null;
  state: ImportState = 'PENDING';
  rows = 0;
  created = 0;
  flagged = 0;
  matchedCustomer = 0;
  matchedOpenLead = 0;
  collapsed = 0;
  removed = 0;
  failed = 0;
  verified = 0;
  distributed = 0;
  /** The last row whose batch committed: a retried run goes on from the row after it. */
  doneThroughRow = 0;
  createdAt!: Date;
  finishedAt: Date | null = null;
  error: string | null = null;
}

const count = { type: 'integer' } as const;

export const LeadImportSchema = new EntitySchema<LeadImport>({
  class: LeadImport,
  tableName: 'lead_import',
  properties: {
    id: { type: 'uuid', primary: true },
    uploadId: { type: 'uuid', nullable: true },
    fileName: { type: 'text' },
    format: { type: 'text' },
    mapping: { type: 'json' },
    headers: { type: 'text[]' },
    source: { type: 'text' },
    onInvalidPhone: { type: 'text' },
    verify: { type: 'boolean' },
    ownerId: { type: 'uuid' },
    distributeToOwnerId: { type: 'uuid', nullable: true },
    distributeToTeamId: { type: 'uuid', nullable: true },
    requestedById: { type: 'uuid' },
    jobId: { type: 'uuid', nullable: true },
    state: { type: 'text' },
    rows: count,
    created: count,
    flagged: count,
    matchedCustomer: count,
    matchedOpenLead: count,
    collapsed: count,
    removed: count,
    failed: count,
    verified: count,
    distributed: count,
    doneThroughRow: count,
    createdAt: { type: 'timestamptz' },
    finishedAt: { type: 'timestamptz', nullable: true },
    error: { type: 'text', nullable: true },
  },
});

/** What the import reports about a row (platform's RowError, kept per import). */
export class LeadImportError {
  [OptionalProps]?: 'id';
  id: string = newId();
  importId!: string;
  row!: number;
  column!: string | null;
  code!: string;
  message!: string;
  values!: string[];
}

export const LeadImportErrorSchema = new EntitySchema<LeadImportError>({
  class: LeadImportError,
  tableName: 'lead_import_error',
  properties: {
    id: { type: 'uuid', primary: true },
    importId: { type: 'uuid' },
    row: { type: 'integer' },
    column: { type: 'text', nullable: true },
    code: { type: 'text' },
    message: { type: 'text' },
    values: { type: 'text[]' },
  },
});
