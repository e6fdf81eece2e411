import { randomUUID } from 'node:crypto';
import { recordEvent, type EventEnvelope, type EventPayload, type EventType, type RecordedEvent } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { stageAuditEntry, type AuditChange } from '../audit';
import type { Actor } from '../auth';
import type { Clock } from '../time';

/**
 * What one write works with: a unit of work, who is acting, and "now". Every write has one shape —
 * validate, load what the actor may see, check a typed permission, apply the rule, change the
 * data, `recordEvent`/`audit`, `em.flush()` — and events and audit entries staged here commit in
 * the same transaction as the change, or not at all.
 */
export interface Scope {
  readonly subgraph: string;
  readonly em: EntityManager;
  /** Null for the system: a scheduled job, or a reaction to another subgraph's event. */
  readonly actor: Actor | null;
  readonly clock: Clock;
  /** The gateway's request id; null outside a request. */
  readonly requestId: string | null;
  /** Stages an event in this subgraph's outbox, stamped with the clock's time. */
  recordEvent<T extends EventType>(event: Omit<RecordedEvent<T>, 'time'>): EventEnvelope<EventPayload<T>>;
  /** Stages an entry in this subgraph's audit trail, stamped with the actor, the clock's time, the request and the trace. */
  audit(change: AuditChange): void;
}

export interface ScopeOptions {
  subgraph: string;
  em: EntityManager;
  actor: Actor | null;
  clock: Clock;
  requestId?: string | null;
}

export function createScope(options: ScopeOptions): Scope {
  const { subgraph, em, actor, clock } = options;
  const requestId = options.requestId ?? null;
  return {
    subgraph,
    em,
    actor,
    clock,
    requestId,
    recordEvent: (event) => recordEvent(em, subgraph, { ...event, time: clock.now() }),
    audit: (change) => void stageAuditEntry(em, { actor, at: clock.now(), requestId }, change),
  };
}

/** A request id from the gateway is kept when it is harmless to log; otherwise one is made up. */
export const requestIdFrom = (header: string | undefined): string =>
  header && /^[\w.-]{1,100}$/.test(header) ? header : randomUUID();

/**
 * The scope of a reaction to another subgraph's event: the system acts, and "now" is the moment the
 * event happened, so redelivering or replaying the event records exactly the same thing.
 */
export function eventScope(subgraph: string, em: EntityManager, envelope: { time: string }): Scope {
  const happenedAt = new Date(envelope.time);
  return createScope({ subgraph, em, actor: null, clock: { now: () => new Date(happenedAt) } });
}
