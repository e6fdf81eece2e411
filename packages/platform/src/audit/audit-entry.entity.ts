import { EntitySchema } from '@mikro-orm/core';
import { newId } from '../database/ids';

/** One change to a record, kept forever: the table refuses updates and deletes (see the migration). */
export class AuditEntry {
  id: string = newId();
  subjectType!: string;
  subjectId!: string;
  action!: string;
  /** Null when the system acted: a scheduled rule, or a reaction to another subgraph's event. */
  actorId: string | null = null;
  /** The person an assistant acted for (ORG-6). */
  onBehalfOf: string | null = null;
  at!: Date;
  before: unknown = null;
  after: unknown = null;
  reason: string | null = null;
  requestId: string | null = null;
  traceId: string | null = null;
}

export const AuditEntrySchema = new EntitySchema<AuditEntry>({
  class: AuditEntry,
  tableName: 'audit_entry',
  properties: {
    id: { type: 'uuid', primary: true },
    subjectType: { type: 'text' },
    subjectId: { type: 'text' },
    action: { type: 'text' },
    actorId: { type: 'uuid', nullable: true },
    onBehalfOf: { type: 'uuid', nullable: true },
    at: { type: 'timestamptz' },
    before: { type: 'json', nullable: true },
    after: { type: 'json', nullable: true },
    reason: { type: 'text', nullable: true },
    requestId: { type: 'text', nullable: true },
    traceId: { type: 'text', nullable: true },
  },
});
