import { newId, type ColumnMapping, type ImportFormat } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

export const IMPORT_STATES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];
export type DuplicateHandling = 'SKIP' | 'FLAG' | 'MERGE';

/** One import of a file of customers: what to do, and how far it got. */
export class CustomerImport {
  [OptionalProps]?: 'id' | 'state' | 'jobId' | 'rows' | 'created' | 'merged' | 'skipped' | 'flagged' | 'failed' | 'doneThroughRow' | 'finishedAt' | 'error';
  id: string = newId();
  /** Null once the upload has expired and gone. */
  uploadId!: string | null;
  fileName!: string;
  format!: ImportFormat;
  mapping!: ColumnMapping[];
  /** The file's header row, as the error report repeats it. */
  headers!: string[];
  onDuplicate!: DuplicateHandling;
  ownerId!: string;
  requestedById!: string;
  jobId: string | null = null;
  state: ImportState = 'PENDING';
  rows = 0;
  created = 0;
  merged = 0;
  skipped = 0;
  flagged = 0;
  failed = 0;
  /** The last row whose batch committed: a retried run goes on from the row after it. */
  doneThroughRow = 0;
  createdAt!: Date;
  finishedAt: Date | null = null;
  error: string | null = null;
}

export const CustomerImportSchema = new EntitySchema<CustomerImport>({
  class: CustomerImport,
  tableName: 'customer_import',
  properties: {
    id: { type: 'uuid', primary: true },
    uploadId: { type: 'uuid', nullable: true },
    fileName: { type: 'text' },
    format: { type: 'text' },
    mapping: { type: 'json' },
    headers: { type: 'text[]' },
    onDuplicate: { type: 'text' },
    ownerId: { type: 'uuid' },
    requestedById: { type: 'uuid' },
    jobId: { type: 'uuid', nullable: true },
    state: { type: 'text' },
    rows: { type: 'integer' },
    created: { type: 'integer' },
    merged: { type: 'integer' },
    skipped: { type: 'integer' },
    flagged: { type: 'integer' },
    failed: { type: 'integer' },
    doneThroughRow: { type: 'integer' },
    createdAt: { type: 'timestamptz' },
    finishedAt: { type: 'timestamptz', nullable: true },
    error: { type: 'text', nullable: true },
  },
});

/** A row not imported as it is, and why (platform's RowError, kept per import). */
export class CustomerImportError {
  [OptionalProps]?: 'id';
  id: string = newId();
  importId!: string;
  row!: number;
  column!: string | null;
  code!: string;
  message!: string;
  values!: string[];
}

export const CustomerImportErrorSchema = new EntitySchema<CustomerImportError>({
  class: CustomerImportError,
  tableName: 'customer_import_error',
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
