import type { EntityManager } from '@mikro-orm/core';
import { currentTraceparent } from '@crm/events';
import type { Actor } from '../auth';
import type { RowCondition } from '../database';
import { findPage, type Connection, type PageRequest } from '../pagination';
import { AuditEntry } from './audit-entry.entity';

/** What changed: `before`/`after` hold only the fields the action touched, as plain JSON. */
export interface AuditChange {
  subjectType: string;
  subjectId: string;
  /** `aggregate.past_tense`, like event names: `customer.reassigned`, `user.deactivated`. */
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /** Set when an assistant acts for a rep: the rep. */
  onBehalfOf?: string | null;
}

export interface AuditSource {
  actor: Actor | null;
  at: Date;
  requestId: string | null;
}

/** The trace id of a W3C `traceparent` (`00-<trace id>-<span id>-<flags>`). */
const traceIdOf = (traceparent: string | undefined): string | null => traceparent?.split('-')[1] ?? null;

/** Stages an audit entry in the EntityManager, so it commits with the change or not at all. */
export function stageAuditEntry(em: EntityManager, source: AuditSource, change: AuditChange): AuditEntry {
  const entry = Object.assign(new AuditEntry(), {
    subjectType: change.subjectType,
    subjectId: change.subjectId,
    action: change.action,
    actorId: source.actor?.userId ?? null,
    onBehalfOf: change.onBehalfOf ?? null,
    at: source.at,
    before: change.before ?? null,
    after: change.after ?? null,
    reason: change.reason ?? null,
    requestId: source.requestId,
    traceId: traceIdOf(currentTraceparent()),
  });
  em.persist(entry);
  return entry;
}

/**
 * A subject's trail, newest first. The caller has already checked that the actor may see the subject.
 * `absorbed` selects the ids of subjects of the same type that became part of it (customers merged
 * into it), whose trails are its history too.
 */
export function auditTrailOf(em: EntityManager, subjectType: string, subjectId: string, page: PageRequest, absorbed?: RowCondition): Promise<Connection<AuditEntry>> {
  if (!absorbed) return findPage(em, AuditEntry, page, { sql: 'subject_type = ? and subject_id = ?', params: [subjectType, subjectId] });
  return findPage(em, AuditEntry, page, { sql: `subject_type = ? and (subject_id = ? or subject_id in (${absorbed.sql}))`, params: [subjectType, subjectId, ...absorbed.params] });
}
