import { demoData, type DemoUser } from '@crm/demo-data';
import { Events, type EventPayload } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, newId, type Actor } from '@crm/platform';
import { graphql, startTestSubgraphs, type GraphQLResponse, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';
import { conversionLinkConsumer } from '../src/modules/risk-review';

/**
 * FUN-9: a conversion into a new customer is assessed in its transaction — CLEARED, or PENDING with
 * its findings (DUPLICATE_CUSTOMER, INVALID_PHONE, DEVICE_BURST, PHONE_BURST, PHONE_ACROSS_REPS,
 * FAST_CONVERSION) until a manager who reaches the rep, or an admin, approves or rejects it; every
 * state is published for appraisal's credit. Each test moves the clock on by hours, so the hourly
 * conversion rate and the burst windows see only that test's leads.
 */
const clock = new ManualClock('2026-12-08T01:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const admin = person('admin');
const rep = person('rep1.east.shanghai.team1');
const teammate = person('rep2.east.shanghai.team1');
const manager = person('manager.east.shanghai');
const otherManager = person('manager.north.beijing');

let system: TestSubgraphs;
let url: string;

interface Finding {
  code: string;
  message: string;
  evidenceIds: string[];
}
interface ReviewView {
  id: string;
  state: string;
  findings: Finding[];
  owner: { id: string };
  convertedBy: { id: string };
  lead: { id: string } | null;
  decidedBy: { id: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

const REVIEW = 'id state findings { code message evidenceIds } owner { id } convertedBy { id } lead { id } decidedBy { id } decidedAt decisionNote';
const CREATE_LEAD = 'mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }';
const VERIFY = 'mutation ($id: ID!) { verifyLead(id: $id) { id } }';
const CONVERT = 'mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { customer { id } } }';
const REVIEW_OF = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { newCustomerReview { ${REVIEW} } } } }`;
const QUEUE = `query ($state: NewCustomerReviewState) { newCustomerReviews(state: $state, first: 100) { edges { node { ${REVIEW} } } } }`;
const APPROVE = `mutation ($id: ID!, $note: String) { approveNewCustomer(id: $id, note: $note) { ${REVIEW} } }`;
const REJECT = `mutation ($id: ID!, $reason: String!) { rejectNewCustomer(id: $id, reason: $reason) { ${REVIEW} } }`;
const THRESHOLDS = 'deviceBurstCount deviceBurstHours phoneBurstCount phoneBurstHours fastConversionMinutes conversionsPerHour updatedAt';
const READ_THRESHOLDS = `query { newCustomerRiskThresholds { ${THRESHOLDS} } }`;
const SET_THRESHOLDS = `mutation ($input: NewCustomerRiskThresholdsInput!) { setNewCustomerRiskThresholds(input: $input) { ${THRESHOLDS} } }`;
const DEFAULTS = { deviceBurstCount: 3, deviceBurstHours: 24, phoneBurstCount: 3, phoneBurstHours: 24, fastConversionMinutes: 10, conversionsPerHour: 10 };

const call = async <T>(user: DemoUser, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> => graphql<T>(url, query, { token: await system.tokenFor(actorOf(user)), variables });
const extensionsOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions;
const sql = async <T>(query: string, params: unknown[] = []) => (await system.running.funnel!.orm.em.fork().getConnection().execute(query, params)) as T[];
const MINUTE_MS = 60_000;
const later = (minutes: number) => clock.set(new Date(clock.now().getTime() + minutes * MINUTE_MS).toISOString());

let companies = 0;
/** A verified lead of `owner` for a company no other lead names, entered now. */
async function lead(owner: DemoUser, input: Record<string, unknown> = {}): Promise<string> {
  companies += 1;
  const created = await call<{ createLead: { id: string } }>(owner, CREATE_LEAD, { input: { title: '官网注册', source: 'WEB_INQUIRY', companyName: `上海风控测试${companies}号有限公司`, ...input } });
  expect(created.errors).toBeUndefined();
  const id = created.data!.createLead.id;
  expect((await call(owner, VERIFY, { id })).errors).toBeUndefined();
  return id;
}

/** Converts the lead into a new customer; its id. */
async function convert(user: DemoUser, leadId: string): Promise<string> {
  const converted = await call<{ convertLead: { customer: { id: string } } }>(user, CONVERT, { input: { leadId } });
  expect(converted.errors).toBeUndefined();
  return converted.data!.convertLead.customer.id;
}

async function reviewOf(user: DemoUser, customerId: string): Promise<ReviewView | null> {
  const response = await call<{ _entities: { newCustomerReview: ReviewView | null }[] }>(user, REVIEW_OF, { reps: [{ __typename: 'Customer', id: customerId }] });
  expect(response.errors).toBeUndefined();
  return response.data!._entities[0]!.newCustomerReview;
}

const codesOf = (review: ReviewView | null) => review?.findings.map((finding) => finding.code);
const findingOf = (review: ReviewView | null, code: string) => review!.findings.find((finding) => finding.code === code);

async function queue(user: DemoUser, state?: string): Promise<GraphQLResponse<{ newCustomerReviews: { edges: { node: ReviewView }[] } }>> {
  return call(user, QUEUE, state ? { state } : {});
}
const queuedIds = async (user: DemoUser, state?: string) => (await queue(user, state)).data!.newCustomerReviews.edges.map((edge) => edge.node.id);

const publishedStates = (customerId: string) =>
  sql<{ state: string; revision: number; codes: string[]; decided_by_id: string | null }>(
    `select envelope->'payload'->>'state' as state, (envelope->'payload'->>'revision')::int as revision, envelope->'payload'->'codes' as codes,
            envelope->'payload'->>'decidedById' as decided_by_id
       from outbox_message where envelope->>'type' = 'new_customer_review.changed' and envelope->'payload'->>'customerId' = ? order by id`,
    [customerId],
  );

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, funnelSubgraph], { clock, seedDemoData: true });
  url = system.running.funnel!.url;
}, 180_000);

afterAll(async () => system?.stop());

/** A fresh hour for each test: nothing of an earlier one is within its windows. */
beforeEach(() => later(48 * 60));

it('clears a clean conversion automatically and publishes it; only reviewers who reach the rep see it', async () => {
  const leadId = await lead(rep, { mobile: '13916000001' });
  later(30);
  const customerId = await convert(rep, leadId);

  const review = await reviewOf(manager, customerId);
  expect(review).toMatchObject({ state: 'CLEARED', findings: [], owner: { id: rep.id }, convertedBy: { id: rep.id }, lead: { id: leadId }, decidedBy: null });
  expect(await reviewOf(admin, customerId)).toMatchObject({ state: 'CLEARED' });
  expect(await reviewOf(rep, customerId)).toBeNull();
  expect(await reviewOf(otherManager, customerId)).toBeNull();
  expect(await publishedStates(customerId)).toEqual([{ state: 'CLEARED', revision: 1, codes: [], decided_by_id: null }]);
  expect(await queuedIds(manager)).not.toContain(review!.id);
  expect(await queuedIds(manager, 'CLEARED')).toContain(review!.id);
});

it('queues a conversion after three sign-ups from one device with DEVICE_BURST, not one after two', async () => {
  const device = `device-${newId()}`;
  const first = await lead(rep, { deviceId: device });
  later(10);
  const second = await lead(rep, { deviceId: device });
  later(30);
  const afterTwo = await convert(rep, first);
  expect(await reviewOf(manager, afterTwo)).toMatchObject({ state: 'CLEARED', findings: [] });

  const third = await lead(rep, { deviceId: device });
  later(30);
  const customerId = await convert(rep, third);
  const review = await reviewOf(manager, customerId);
  expect(review).toMatchObject({ state: 'PENDING' });
  expect(codesOf(review)).toEqual(['DEVICE_BURST']);
  expect(findingOf(review, 'DEVICE_BURST')!.evidenceIds).toEqual([first, second, third]);
  expect(await publishedStates(customerId)).toEqual([{ state: 'PENDING', revision: 1, codes: ['DEVICE_BURST'], decided_by_id: null }]);
  expect(await queuedIds(manager)).toContain(review!.id);
});

it('flags one phone number on leads of two reps with PHONE_ACROSS_REPS', async () => {
  const repsLead = await lead(rep, { landline: '021-62340001' });
  const teammatesLead = await lead(teammate, { landline: '02162340001' });
  later(30);
  const review = await reviewOf(manager, await convert(teammate, teammatesLead));
  expect(review).toMatchObject({ state: 'PENDING', owner: { id: teammate.id } });
  expect(codesOf(review)).toEqual(['PHONE_ACROSS_REPS']);
  expect(findingOf(review, 'PHONE_ACROSS_REPS')!.evidenceIds).toEqual([repsLead]);
});

it('flags a mobile number on three leads within hours with PHONE_BURST', async () => {
  const leads = [await lead(rep, { mobile: '13916000002' })];
  for (let i = 0; i < 2; i += 1) {
    later(60);
    // Cleaning keeps the repeats as DUPLICATE leads of the first: they still count.
    const created = await call<{ createLead: { id: string } }>(rep, CREATE_LEAD, { input: { title: '官网注册', source: 'WEB_INQUIRY', contactName: '李女士', mobile: '139 1600 0002' } });
    leads.push(created.data!.createLead.id);
  }
  const review = await reviewOf(manager, await convert(rep, leads[0]!));
  expect(codesOf(review)).toEqual(['PHONE_BURST']);
  expect(findingOf(review, 'PHONE_BURST')!.evidenceIds).toEqual(leads);
});

it('flags a lead converted a minute after it was entered with FAST_CONVERSION', async () => {
  const leadId = await lead(rep, { mobile: '13916000003' });
  later(1);
  const review = await reviewOf(manager, await convert(rep, leadId));
  expect(review).toMatchObject({ state: 'PENDING' });
  expect(codesOf(review)).toEqual(['FAST_CONVERSION']);
  expect(findingOf(review, 'FAST_CONVERSION')!.evidenceIds).toEqual([leadId]);
});

it('flags a flagged phone with INVALID_PHONE, and a key that became a customer\'s meanwhile with DUPLICATE_CUSTOMER', async () => {
  const invalid = await lead(rep, { mobile: '12345' });
  later(30);
  expect(codesOf(await reviewOf(manager, await convert(rep, invalid)))).toEqual(['INVALID_PHONE']);

  const individual = await lead(rep, { companyName: null, contactName: '王先生', mobile: '13916000004' });
  // Another customer got the number after the lead came in; funnel's replica of customers' keys learns it from customers.
  const holder = newId();
  await sql("insert into customer_key_replica (kind, value, customer_id) values ('MOBILE', '13916000004', ?)", [holder]);
  later(30);
  const review = await reviewOf(manager, await convert(rep, individual));
  expect(codesOf(review)).toEqual(['DUPLICATE_CUSTOMER']);
  expect(findingOf(review, 'DUPLICATE_CUSTOMER')!.evidenceIds).toEqual([holder]);
});

it('rejects, as the system, a new customer customers did not create because its key was another\'s, once', async () => {
  const leadId = await lead(rep, { companyName: null, contactName: '赵先生', mobile: '13916000005' });
  later(30);
  const customerId = await convert(rep, leadId);
  expect(await reviewOf(manager, customerId)).toMatchObject({ state: 'CLEARED' });

  // What customers answers lead.converted with when the key was already another customer's.
  const payload: EventPayload<typeof Events.CustomerConversionLinked> = { customerId, existingCustomerId: newId() };
  const envelope = { id: newId(), type: Events.CustomerConversionLinked, version: '1.0', source: 'customers', time: clock.now().toISOString(), key: customerId, payload };
  const handler = conversionLinkConsumer.handlers[Events.CustomerConversionLinked] as (em: unknown, p: typeof payload, e: typeof envelope) => Promise<void>;
  for (let delivery = 0; delivery < 2; delivery += 1) await system.running.funnel!.orm.em.fork().transactional((em) => handler(em, payload, envelope));

  const review = await reviewOf(manager, customerId);
  expect(review).toMatchObject({ state: 'REJECTED', decidedBy: null, decidedAt: clock.now().toISOString() });
  expect(findingOf(review, 'DUPLICATE_CUSTOMER')!.evidenceIds).toEqual([payload.existingCustomerId]);
  expect(await publishedStates(customerId)).toEqual([
    { state: 'CLEARED', revision: 1, codes: [], decided_by_id: null },
    { state: 'REJECTED', revision: 2, codes: ['DUPLICATE_CUSTOMER'], decided_by_id: null },
  ]);
});

describe('deciding', () => {
  let pending: ReviewView;
  let pendingCustomer: string;

  beforeEach(async () => {
    const leadId = await lead(rep, { mobile: null });
    later(1);
    pendingCustomer = await convert(rep, leadId);
    pending = (await reviewOf(manager, pendingCustomer))!;
    expect(pending.state).toBe('PENDING');
  });

  it('approves with a note: audited, published, out of the queue, and not decided twice', async () => {
    later(5);
    const approved = await call<{ approveNewCustomer: ReviewView }>(manager, APPROVE, { id: pending.id, note: '电话回访确认为真实客户' });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveNewCustomer).toMatchObject({ state: 'APPROVED', decidedBy: { id: manager.id }, decidedAt: clock.now().toISOString(), decisionNote: '电话回访确认为真实客户' });
    expect(await reviewOf(manager, pendingCustomer)).toMatchObject({ state: 'APPROVED' });
    expect(await queuedIds(manager)).not.toContain(pending.id);
    expect(await publishedStates(pendingCustomer)).toEqual([
      { state: 'PENDING', revision: 1, codes: ['FAST_CONVERSION'], decided_by_id: null },
      { state: 'APPROVED', revision: 2, codes: ['FAST_CONVERSION'], decided_by_id: manager.id },
    ]);
    expect(await sql('select actor_id, action, before, after, reason from audit_entry where subject_id = ?', [pending.id])).toEqual([
      { actor_id: manager.id, action: 'new_customer.approved', before: { state: 'PENDING' }, after: { state: 'APPROVED', customerId: pendingCustomer }, reason: '电话回访确认为真实客户' },
    ]);

    const again = await call(admin, REJECT, { id: pending.id, reason: '重复' });
    expect(extensionsOf(again)).toMatchObject({ code: 'CONFLICT', reason: 'NEW_CUSTOMER_REVIEW_DECIDED', state: 'APPROVED' });
    expect(await publishedStates(pendingCustomer)).toHaveLength(2);
  });

  it('rejects with the reason: audited and published', async () => {
    const rejected = await call<{ rejectNewCustomer: ReviewView }>(admin, REJECT, { id: pending.id, reason: '同一设备批量注册的虚假客户' });
    expect(rejected.data!.rejectNewCustomer).toMatchObject({ state: 'REJECTED', decidedBy: { id: admin.id }, decisionNote: '同一设备批量注册的虚假客户' });
    expect((await publishedStates(pendingCustomer)).map((event) => [event.state, event.revision])).toEqual([
      ['PENDING', 1],
      ['REJECTED', 2],
    ]);
    expect(await sql('select action, reason from audit_entry where subject_id = ?', [pending.id])).toEqual([{ action: 'new_customer.rejected', reason: '同一设备批量注册的虚假客户' }]);
  });

  it('is not the rep\'s: neither the queue nor a decision, even on their own customer; another region\'s manager does not find it', async () => {
    expect(extensionsOf(await queue(rep))).toMatchObject({ code: 'FORBIDDEN' });
    expect(extensionsOf(await call(rep, APPROVE, { id: pending.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(extensionsOf(await call(otherManager, APPROVE, { id: pending.id }))).toMatchObject({ code: 'NOT_FOUND', reason: 'NEW_CUSTOMER_REVIEW_NOT_FOUND' });
    expect(await queuedIds(otherManager)).not.toContain(pending.id);
    expect(await reviewOf(manager, pendingCustomer)).toMatchObject({ state: 'PENDING', decidedBy: null });
    expect(await publishedStates(pendingCustomer)).toHaveLength(1);
  });

  it('refuses bad input with stable codes, writing nothing', async () => {
    expect(extensionsOf(await call(manager, APPROVE, { id: 'not-an-id' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(extensionsOf(await call(manager, REJECT, { id: pending.id, reason: '' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(extensionsOf(await call(manager, REJECT, { id: pending.id, reason: 'x\u0000' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: '$reason' });
    expect(extensionsOf(await call(manager, APPROVE, { id: newId() }))).toMatchObject({ code: 'NOT_FOUND', reason: 'NEW_CUSTOMER_REVIEW_NOT_FOUND' });
    expect(extensionsOf(await queue(manager, 'MAYBE'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await reviewOf(manager, pendingCustomer)).toMatchObject({ state: 'PENDING' });
  });
});

describe('thresholds', () => {
  afterAll(async () => {
    expect((await call(admin, SET_THRESHOLDS, { input: DEFAULTS })).errors).toBeUndefined();
  });

  it('are the defaults until an admin sets them; reps neither see nor set them', async () => {
    expect((await call(manager, READ_THRESHOLDS)).data).toEqual({ newCustomerRiskThresholds: { ...DEFAULTS, updatedAt: null } });
    expect(extensionsOf(await call(rep, READ_THRESHOLDS))).toMatchObject({ code: 'FORBIDDEN' });
    expect(extensionsOf(await call(manager, SET_THRESHOLDS, { input: DEFAULTS }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(extensionsOf(await call(admin, SET_THRESHOLDS, { input: { ...DEFAULTS, deviceBurstCount: 1 } }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deviceBurstCount' });
  });

  it('assess conversions from when an admin sets them, audited', async () => {
    const changed = { ...DEFAULTS, fastConversionMinutes: 2, conversionsPerHour: 2 };
    const set = await call(admin, SET_THRESHOLDS, { input: changed });
    expect(set.data).toEqual({ setNewCustomerRiskThresholds: { ...changed, updatedAt: clock.now().toISOString() } });
    expect(await sql("select before, after from audit_entry where action = 'new_customer_risk.configured'")).toEqual([{ before: DEFAULTS, after: changed }]);

    const leads = [await lead(rep), await lead(rep), await lead(rep)];
    later(3);
    const customers = [];
    for (const leadId of leads) customers.push(await convert(rep, leadId));
    expect(await reviewOf(manager, customers[0]!)).toMatchObject({ state: 'CLEARED' });
    expect(await reviewOf(manager, customers[1]!)).toMatchObject({ state: 'CLEARED' });
    // The third new customer of the hour is one more than 2.
    const third = await reviewOf(manager, customers[2]!);
    expect(codesOf(third)).toEqual(['FAST_CONVERSION']);
    expect(findingOf(third, 'FAST_CONVERSION')!.evidenceIds.sort()).toEqual(customers.slice(0, 2).sort());
  });
});
