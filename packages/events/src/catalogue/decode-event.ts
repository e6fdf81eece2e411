import { z } from 'zod';
import type { EventEnvelope, LegacyEventEnvelope } from './envelope';
import { catalogue, type EventPayload, type EventType } from './events';
import { formatEventVersion, parseEventVersion } from './version';

export type EventContractViolation = 'unknown_type' | 'unsupported_version' | 'invalid_payload';

/** An event this catalogue cannot read. Retrying cannot help: the event will not change, only a consumer's catalogue can. */
export class EventContractError extends Error {
  override readonly name = 'EventContractError';

  constructor(
    readonly reason: EventContractViolation,
    message: string,
  ) {
    super(message);
  }
}

/** Narrowing on `type` narrows `payload` too. */
export type DecodedEvent = { [T in EventType]: { type: T; payload: EventPayload<T> } }[EventType];

export const isEventType = (type: string): type is EventType => Object.hasOwn(catalogue, type);

/**
 * Checks an envelope against the catalogue and parses its payload. Any minor of the catalogue's
 * major is accepted: an older one lacks only optional or defaulted fields, and the fields a newer
 * one added are stripped by the schema.
 */
export function decodeEvent(envelope: EventEnvelope | LegacyEventEnvelope): DecodedEvent {
  const { type } = envelope;
  const which = `event ${envelope.id} from ${envelope.source}`;
  if (!isEventType(type)) {
    throw new EventContractError(
      'unknown_type',
      `${which} has type "${type}", which this event catalogue does not define: the producer runs a newer @crm/events than this consumer (deploy the consumer), or it names the type wrongly.`,
    );
  }
  const definition = catalogue[type];
  const received = parseEventVersion(envelope.version);
  const known = parseEventVersion(definition.version);
  if (!received) {
    throw new EventContractError(
      'unsupported_version',
      `${type} ${which} has version ${JSON.stringify(envelope.version)}, which is not major.minor: its producer breaks the envelope contract and must be fixed.`,
    );
  }
  if (received.major !== known?.major) {
    throw new EventContractError(
      'unsupported_version',
      `${type} ${which} has version ${formatEventVersion(received)}, but this consumer reads ${type} ${definition.version} and a different major is a breaking change: ` +
        `upgrade whichever of producer and consumer runs the older @crm/events.`,
    );
  }
  const parsed = definition.payload.safeParse(envelope.payload);
  if (!parsed.success) {
    throw new EventContractError(
      'invalid_payload',
      `${type} ${which} (version ${formatEventVersion(received)}) does not match the catalogue's payload schema, so its producer breaks the contract and must be fixed:\n${z.prettifyError(parsed.error)}`,
    );
  }
  // The catalogue is indexed by a union, so TypeScript cannot tie this payload to this type itself.
  return { type, payload: parsed.data } as DecodedEvent;
}
