/**
 * What travels on a topic. The envelope is stable across event versions so that a consumer can
 * route, deduplicate and trace a message before it understands the payload.
 */
export interface EventEnvelope<TPayload = unknown> {
  /** Unique per event; consumers deduplicate on it. */
  id: string;
  /** `aggregate.past_tense`, e.g. `customer.created`. */
  type: string;
  /**
   * Payload schema version, `major.minor` (see version.ts). Envelopes recorded before it had a minor
   * carry a bare number instead (LegacyEventEnvelope); read payloads through decodeEvent, which
   * understands both.
   */
  version: string;
  /** The subgraph that produced it. */
  source: string;
  /** ISO-8601 instant of the change. */
  time: string;
  /** Aggregate id; also the Kafka message key, which keeps per-aggregate order. */
  key: string;
  /** W3C trace context of the request that caused the change, when there was one. */
  traceparent?: string;
  payload: TPayload;
}

/** An envelope recorded before versions were `major.minor`: version N means `N.0`. */
export type LegacyEventEnvelope<TPayload = unknown> = Omit<EventEnvelope<TPayload>, 'version'> & { version: number };
