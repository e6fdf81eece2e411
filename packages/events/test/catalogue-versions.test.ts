import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import {
  catalogue,
  checkCatalogueAgainstSnapshot,
  decodeEvent,
  EventContractError,
  snapshotCatalogue,
  type CatalogueSnapshot,
  type EventContractViolation,
  type EventEnvelope,
  type LegacyEventEnvelope,
  parseEventVersion,
} from '../src/catalogue';

const committed: CatalogueSnapshot = JSON.parse(
  readFileSync(path.join(__dirname, '../src/catalogue/catalogue.snapshot.json'), 'utf8'),
);

const customerCreated = catalogue['customer.created'];
// Relative to the current version, so these cases keep meaning the same as the catalogue evolves.
const { major, minor } = parseEventVersion(customerCreated.version) ?? { major: 1, minor: 0 };
const sameVersion = customerCreated.version;
const nextMinor = `${major}.${minor + 1}`;
const nextMajor = `${major + 1}.0`;

/** The catalogue with customer.created at another version and payload, as an edit to events.ts would leave it. */
function withCustomerCreated(version: string, change: (payload: typeof customerCreated.payload) => z.ZodType) {
  return { ...catalogue, 'customer.created': { ...customerCreated, version, payload: change(customerCreated.payload) } };
}

describe('the committed catalogue snapshot', () => {
  it('is a contract the catalogue still honours', () => {
    expect(checkCatalogueAgainstSnapshot(catalogue, committed)).toEqual([]);
  });

  it('is up to date with the catalogue', () => {
    const current = snapshotCatalogue(catalogue);
    const stale = Object.keys({ ...current, ...committed }).filter((type) => !isDeepStrictEqual(current[type], committed[type]));
    expect(stale.map((type) => `${type}: catalogue.snapshot.json is stale, run npm run snapshot -w @crm/events`)).toEqual([]);
  });
});

describe('checkCatalogueAgainstSnapshot', () => {
  const snapshot = snapshotCatalogue(catalogue);

  it('reports a schema change that kept its version', () => {
    const changed = withCustomerCreated(sameVersion, (payload) => payload.extend({ addedField: z.string() }));
    expect(checkCatalogueAgainstSnapshot(changed, snapshot)).toEqual([
      `customer.created changed its payload schema but kept version ${sameVersion}: bump the minor for an added optional field, the major for a breaking change, then run npm run snapshot -w @crm/events`,
    ]);
  });

  it('accepts a minor bump that adds an optional or defaulted field', () => {
    const optional = withCustomerCreated(nextMinor, (payload) => payload.extend({ addedField: z.string().optional() }));
    const defaulted = withCustomerCreated(nextMinor, (payload) => payload.extend({ tags: z.array(z.string()).default([]) }));
    expect(checkCatalogueAgainstSnapshot(optional, snapshot)).toEqual([]);
    expect(checkCatalogueAgainstSnapshot(defaulted, snapshot)).toEqual([]);
  });

  it('reports a minor bump that adds a required field, or removes or retypes one', () => {
    const required = withCustomerCreated(nextMinor, (payload) => payload.extend({ addedField: z.string() }));
    expect(checkCatalogueAgainstSnapshot(required, snapshot)).toEqual([
      `customer.created ${sameVersion} → ${nextMinor} is a minor bump but not backward compatible (adds required field "addedField"): a minor may only add optional or defaulted fields, so change that or bump the major to ${nextMajor}`,
    ]);
    const reshaped = withCustomerCreated(nextMinor, (payload) => payload.omit({ name: true }).extend({ ownerId: z.string() }));
    expect(checkCatalogueAgainstSnapshot(reshaped, snapshot)).toEqual([
      expect.stringContaining('(removes field "name"; retypes field "ownerId")'),
    ]);
  });

  it('accepts a breaking change under a major bump', () => {
    const breaking = withCustomerCreated(nextMajor, (payload) => payload.omit({ name: true }).extend({ addedField: z.string() }));
    expect(checkCatalogueAgainstSnapshot(breaking, snapshot)).toEqual([]);
  });

  it('reports a version going backwards and an event removed', () => {
    const ahead = snapshotCatalogue(withCustomerCreated(nextMinor, (payload) => payload));
    expect(checkCatalogueAgainstSnapshot(catalogue, ahead)).toEqual([
      expect.stringContaining(`customer.created went back from version ${nextMinor} to ${sameVersion}`),
    ]);
    const { 'lead.reassigned': _removed, ...withoutLeadReassigned } = catalogue;
    expect(checkCatalogueAgainstSnapshot(withoutLeadReassigned, snapshot)).toEqual([
      expect.stringContaining('lead.reassigned was removed from the catalogue'),
    ]);
  });
});

describe('decodeEvent', () => {
  const payload = { customerId: randomUUID(), name: '上海示例贸易有限公司', ownerId: randomUUID(), divisionCode: '310104' };
  const envelope = (fields: Partial<EventEnvelope>): EventEnvelope => ({
    id: randomUUID(),
    type: 'customer.created',
    version: '1.0',
    source: 'customers',
    time: new Date().toISOString(),
    key: payload.customerId,
    payload,
    ...fields,
  });

  function violationOf(decode: () => unknown): { reason: EventContractViolation; message: string } {
    try {
      decode();
    } catch (error) {
      if (error instanceof EventContractError) return { reason: error.reason, message: error.message };
      throw error;
    }
    throw new Error('decoded an event it should have refused');
  }

  it('reads a newer minor and drops the fields this catalogue does not know', () => {
    const decoded = decodeEvent(envelope({ version: '1.3', payload: { ...payload, addedByANewerProducer: 'VIP' } }));
    expect(decoded).toEqual({ type: 'customer.created', payload });
  });

  it('reads a customer.created 1.0, from before customers sent the division, as having none', () => {
    const { divisionCode: _unsent, ...before } = payload;
    expect(decodeEvent(envelope({ version: '1.0', payload: before }))).toEqual({ type: 'customer.created', payload: { ...before, divisionCode: null } });
  });

  it('reads an envelope recorded with the legacy numeric version', () => {
    const legacy: LegacyEventEnvelope = { ...envelope({}), version: 1 };
    expect(decodeEvent(legacy)).toEqual({ type: 'customer.created', payload });
  });

  it('fills defaults for fields an older producer did not send', () => {
    const complaint = { complaintId: randomUUID(), customerId: randomUUID(), severity: 'HIGH' };
    const decoded = decodeEvent(envelope({ type: 'complaint.filed', payload: complaint }));
    expect(decoded.type === 'complaint.filed' && decoded.payload.handlerId).toBeNull();
  });

  it('refuses another major', () => {
    const refused = violationOf(() => decodeEvent(envelope({ version: '2.0' })));
    expect(refused.reason).toBe('unsupported_version');
    expect(refused.message).toContain(`has version 2.0, but this consumer reads customer.created ${sameVersion}`);
    expect(violationOf(() => decodeEvent(envelope({ version: 'v1' }))).reason).toBe('unsupported_version');
  });

  it('refuses a type the catalogue does not define', () => {
    const refused = violationOf(() => decodeEvent(envelope({ type: 'customer.teleported' })));
    expect(refused.reason).toBe('unknown_type');
    expect(refused.message).toContain('"customer.teleported"');
  });

  it('refuses a payload that does not match its schema, naming the field', () => {
    const refused = violationOf(() => decodeEvent(envelope({ payload: { ...payload, ownerId: 'nobody' } })));
    expect(refused.reason).toBe('invalid_payload');
    expect(refused.message).toContain('ownerId');
  });
});
