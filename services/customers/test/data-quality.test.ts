import { customersSubgraph } from '../src';
import { demoData, type DemoUser } from '@crm/demo-data';
import { Events } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, newId, type Actor } from '@crm/platform';
import { errorCodes, eventually, graphql, startTestSubgraphs, type GraphQLResponse, type TestSubgraphs } from '@crm/testing';
import { dataQualityConsumer } from '../src/modules/data-quality/data-quality.consumer';

/**
 * CUS-7 in the customers subgraph (with identity's people and units, but no demo customers, so
 * every figure is this file's): completeness per customer under each kind's key fields, kept
 * current by events, the pending queue and the rescore job; timeliness against 10:00 Shanghai
 * time the next day; figures per rep and unit within ORG-2's reach.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles, supports: user.supports });

const admin = person('admin');
const rep = person('rep1.east.shanghai.team1');
const colleague = person('rep2.east.shanghai.team1');
const manager = person('manager.east.shanghai');
const otherManager = person('manager.north.beijing');
const team = rep.orgUnitId;

let system: TestSubgraphs;
let url: string;

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph], { clock });
  await identitySubgraph.seedDemoData!(system.running.identity!.systemScope());
  await system.settled();
  url = system.running.customers!.url;
}, 120_000);

afterAll(async () => system?.stop());

async function call<T>(user: DemoUser, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  return graphql<T>(url, query, { token: await system.tokenFor(actorOf(user)), variables });
}

async function ok<T>(user: DemoUser, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await call<T>(user, query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

const rowsOf = async (sql: string, params: unknown[] = []) => (await system.running.customers!.orm.em.fork().getConnection().execute(sql, params)) as Record<string, unknown>[];

async function createCustomer(owner: DemoUser, input: Record<string, unknown>): Promise<string> {
  const data = await ok<{ createCustomer: { id: string } }>(owner, 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }', { input });
  return data.createCustomer.id;
}

interface Completeness {
  score: number;
  missing: string[];
}

async function completeness(customerId: string): Promise<Completeness | null> {
  const data = await ok<{ customer: { completeness: Completeness | null } }>(rep, 'query ($id: ID!) { customer(id: $id) { completeness { score missing } } }', { id: customerId });
  return data.customer.completeness;
}

async function runJob(kind: string): Promise<void> {
  const started = await system.running.customers!.jobs.runNow(kind, {}, actorOf(admin));
  await eventually(async () => expect(await rowsOf('select state from job_record where id = ?', [started.id])).toEqual([{ state: 'COMPLETED' }]), 30_000);
}

const SET_CONFIG = 'mutation ($input: SetDataQualityConfigInput!) { setDataQualityConfig(input: $input) { kind version keyFields { field weight } } }';
const CONFIG = 'query { dataQualityConfig { kind version updatedAt keyFields { field weight } } }';
const FIGURES = 'from to customers completeness interactions onTime timeliness';
const REP = `query ($userId: ID!, $from: String!, $to: String!) { repDataQuality(userId: $userId, from: $from, to: $to) { ${FIGURES} } }`;
const UNIT = `query ($unitId: ID!, $from: String!, $to: String!) { unitDataQuality(unitId: $unitId, from: $from, to: $to) { ${FIGURES} } }`;
const BY_REP = `query ($unitId: ID!, $from: String!, $to: String!, $first: Int, $after: String) {
  dataQualityByRep(unitId: $unitId, from: $from, to: $to, first: $first, after: $after) {
    edges { node { user { id } unitId figures { customers completeness interactions onTime } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const ids = { bare: '', full: '', person: '', colleagues: '' };

it('measures a new customer under its kind’s default key fields, listing what it lacks', async () => {
  ids.bare = await createCustomer(rep, { name: '上海恒远贸易有限公司', kind: 'COMPANY' });
  ids.full = await createCustomer(rep, { name: '上海嘉禾电子有限公司', kind: 'COMPANY', industry: '电子', source: 'REFERRAL', tags: ['重点'], address: '上海市浦东新区张江路88号' });
  ids.person = await createCustomer(rep, { name: '王芳', kind: 'INDIVIDUAL' });
  ids.colleagues = await createCustomer(colleague, { name: '上海信达物流有限公司', kind: 'COMPANY' });
  await system.settled();

  expect(await completeness(ids.bare)).toEqual({ score: 5, missing: ['identityKey', 'contact', 'mobile', 'address', 'divisionCode', 'location', 'industry', 'source', 'tags'] });
  // name 5 + address 10 + industry 10 + source 10 + tags 5 of 100.
  expect(await completeness(ids.full)).toEqual({ score: 40, missing: ['identityKey', 'contact', 'mobile', 'divisionCode', 'location'] });
  expect((await completeness(ids.person))!.score).toBe(5);

  const config = await ok<{ dataQualityConfig: { kind: string; version: number; updatedAt: string | null }[] }>(rep, CONFIG);
  expect(config.dataQualityConfig.map(({ kind, version, updatedAt }) => [kind, version, updatedAt])).toEqual([
    ['COMPANY', 1, null],
    ['INDIVIDUAL', 1, null],
  ]);
});

it('applies a redelivered customer.created as the same score', async () => {
  const before = await rowsOf('select score::text, missing from customer_completeness where customer_id = ?', [ids.full]);
  const handler = dataQualityConsumer.handlers[Events.CustomerCreated] as { batch: (em: unknown, events: unknown[]) => Promise<void> };
  const payload = { customerId: ids.full, name: '上海嘉禾电子有限公司', ownerId: rep.id };
  const envelope = { id: newId(), type: Events.CustomerCreated, version: '1.0', source: 'test', time: clock.now().toISOString(), key: ids.full, payload };
  await system.running.customers!.orm.em.fork().transactional((em) => handler.batch(em, [{ payload, envelope }, { payload, envelope }]));
  expect(await rowsOf('select score::text, missing from customer_completeness where customer_id = ?', [ids.full])).toEqual(before);
});

it('raises the score once a filled field is measured: a contact with a mobile is queued and rescored by the job', async () => {
  await ok(rep, 'mutation ($input: AddContactInput!) { addContact(input: $input) { id } }', { input: { customerId: ids.bare, name: '李强', mobile: '13800138000' } });
  expect(await rowsOf('select count(*)::int as n from customer_completeness_pending where customer_id = ?', [ids.bare])).toEqual([{ n: 1 }]);
  await runJob('data_quality.rescore');
  // name 5 + contact 15 + mobile 10.
  expect(await completeness(ids.bare)).toEqual({ score: 30, missing: ['identityKey', 'address', 'divisionCode', 'location', 'industry', 'source', 'tags'] });
  expect(await rowsOf('select count(*)::int as n from customer_completeness_pending')).toEqual([{ n: 0 }]);
});

it('lets only admins configure key fields, refusing unknown fields and bad weights with nothing changed', async () => {
  const input = { kind: 'COMPANY', keyFields: [{ field: 'name', weight: 1 }, { field: 'industry', weight: 3 }] };
  expect(errorCodes(await call(manager, SET_CONFIG, { input }))).toEqual(['FORBIDDEN']);

  const unknown = await call(admin, SET_CONFIG, { input: { kind: 'COMPANY', keyFields: [{ field: 'name', weight: 1 }, { field: 'occupation', weight: 2 }] } });
  expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);
  expect(unknown.errors![0]!.extensions).toMatchObject({ reason: 'UNKNOWN_KEY_FIELD', field: 'keyFields.1.field', keyField: 'occupation' });
  expect(unknown.errors![0]!.message).toMatch(/^keyFields\.1\.field: "occupation" is not a key field of a COMPANY customer/);

  const customField = await call(admin, SET_CONFIG, { input: { kind: 'COMPANY', keyFields: [{ field: 'custom.no_such_field', weight: 1 }] } });
  expect(customField.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_KEY_FIELD' });
  const zero = await call(admin, SET_CONFIG, { input: { kind: 'COMPANY', keyFields: [{ field: 'name', weight: 0 }] } });
  expect(zero.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'keyFields.0.weight' });
  const twice = await call(admin, SET_CONFIG, { input: { kind: 'COMPANY', keyFields: [{ field: 'name', weight: 1 }, { field: 'name', weight: 2 }] } });
  expect(twice.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'keyFields.1.field' });
  const empty = await call(admin, SET_CONFIG, { input: { kind: 'COMPANY', keyFields: [] } });
  expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT']);

  expect(await rowsOf("select version from data_quality_config where kind = 'COMPANY'")).toEqual([{ version: 1 }]);
  expect(await rowsOf("select count(*)::int as n from audit_entry where action = 'data_quality.configured'")).toEqual([{ n: 0 }]);
});

it('weighs each kind by its own key fields: a company configuration rescores companies only, audited', async () => {
  const set = await ok<{ setDataQualityConfig: unknown }>(admin, SET_CONFIG, { input: { kind: 'COMPANY', keyFields: [{ field: 'name', weight: 1 }, { field: 'industry', weight: 3 }] } });
  expect(set.setDataQualityConfig).toEqual({ kind: 'COMPANY', version: 2, keyFields: [{ field: 'name', weight: 1 }, { field: 'industry', weight: 3 }] });
  expect(await rowsOf("select actor_id, before -> 'version' as before, after -> 'version' as after from audit_entry where action = 'data_quality.configured'")).toEqual([
    { actor_id: admin.id, before: 1, after: 2 },
  ]);

  await runJob('data_quality.rescore');
  expect(await completeness(ids.bare)).toEqual({ score: 25, missing: ['industry'] });
  expect(await completeness(ids.full)).toEqual({ score: 100, missing: [] });
  // Individuals keep their own weights: name alone is still 5 of 100.
  expect((await completeness(ids.person))!.score).toBe(5);
  expect(await rowsOf("select kind, rescored_version from data_quality_config order by kind")).toEqual([
    { kind: 'COMPANY', rescored_version: 2 },
    { kind: 'INDIVIDUAL', rescored_version: 1 },
  ]);
});

async function logInteraction(user: DemoUser, customerId: string, occurredAt: string, enteredAt: string): Promise<void> {
  clock.set(enteredAt);
  await ok(user, 'mutation ($input: LogInteractionInput!) { logInteraction(input: $input) { id } }', { input: { customerId, kind: 'CALL', occurredAt, summary: '电话回访' } });
}

it('counts an interaction on time when entered before 10:00 Shanghai time the next day, and late from 10:00 on (the platform’s cut-off rule)', async () => {
  await logInteraction(colleague, ids.colleagues, '2026-11-25T01:00:00Z', '2026-11-26T01:59:00Z');
  // 15:00 on the 25th in Shanghai, entered at 09:59:59 on the 26th: on time.
  await logInteraction(rep, ids.bare, '2026-11-25T07:00:00Z', '2026-11-26T01:59:59Z');
  // 23:59 on the 25th, entered at 10:00:00 on the 26th exactly: late.
  await logInteraction(rep, ids.full, '2026-11-25T15:59:00Z', '2026-11-26T02:00:00Z');
  // 00:00 on the 26th in Shanghai (still the 25th in UTC): due by 10:00 on the 27th.
  await logInteraction(rep, ids.full, '2026-11-25T16:00:00Z', '2026-11-26T02:01:00Z');

  const day = await ok<{ repDataQuality: unknown }>(rep, REP, { userId: rep.id, from: '2026-11-25', to: '2026-11-25' });
  // Completeness is the rep's customers now: 25 + 100 + 5 over three.
  expect(day.repDataQuality).toEqual({ from: '2026-11-25', to: '2026-11-25', customers: 3, completeness: 43.3, interactions: 2, onTime: 1, timeliness: 50 });
  const twoDays = await ok<{ repDataQuality: unknown }>(rep, REP, { userId: rep.id, from: '2026-11-25', to: '2026-11-26' });
  expect(twoDays.repDataQuality).toMatchObject({ interactions: 3, onTime: 2, timeliness: 66.7 });
  const before = await ok<{ repDataQuality: unknown }>(rep, REP, { userId: rep.id, from: '2026-11-20', to: '2026-11-24' });
  expect(before.repDataQuality).toMatchObject({ interactions: 0, onTime: 0, timeliness: null });
});

it('adds up a unit’s subtree, and lists its people a page at a time', async () => {
  const teamFigures = await ok<{ unitDataQuality: unknown }>(manager, UNIT, { unitId: team, from: '2026-11-25', to: '2026-11-25' });
  // 25 + 100 + 5 + 25 over four customers is 38.75, shown 38.8; three interactions, two on time.
  expect(teamFigures.unitDataQuality).toEqual({ from: '2026-11-25', to: '2026-11-25', customers: 4, completeness: 38.8, interactions: 3, onTime: 2, timeliness: 66.7 });
  const city = await ok<{ unitDataQuality: unknown }>(manager, UNIT, { unitId: manager.orgUnitId, from: '2026-11-25', to: '2026-11-25' });
  expect(city.unitDataQuality).toEqual(teamFigures.unitDataQuality);

  type Page = { dataQualityByRep: { edges: { node: { user: { id: string }; unitId: string; figures: Record<string, unknown> } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
  const people = demo.users.filter((u) => u.orgPath === rep.orgPath).map((u) => u.id).sort();
  const first = await ok<Page>(manager, BY_REP, { unitId: team, from: '2026-11-25', to: '2026-11-25', first: 2 });
  expect(first.dataQualityByRep.pageInfo.hasNextPage).toBe(true);
  const rest = await ok<Page>(manager, BY_REP, { unitId: team, from: '2026-11-25', to: '2026-11-25', first: 50, after: first.dataQualityByRep.pageInfo.endCursor });
  const nodes = [...first.dataQualityByRep.edges, ...rest.dataQualityByRep.edges].map((edge) => edge.node);
  expect(nodes.map((node) => node.user.id)).toEqual(people);
  expect(nodes.find((node) => node.user.id === rep.id)).toEqual({ user: { id: rep.id }, unitId: team, figures: { customers: 3, completeness: 43.3, interactions: 2, onTime: 1 } });
  expect(nodes.find((node) => node.user.id === colleague.id)!.figures).toEqual({ customers: 1, completeness: 25, interactions: 1, onTime: 1 });
});

it('shows a rep only their own figures and a manager only their subtree’s, with stable codes', async () => {
  const other = await call<{ repDataQuality: unknown }>(rep, REP, { userId: colleague.id, from: '2026-11-25', to: '2026-11-25' });
  expect(other.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DATA_QUALITY_OUT_OF_REACH', field: 'userId' });
  expect(other.data?.repDataQuality ?? null).toBeNull();
  const ownUnit = await call(rep, UNIT, { unitId: team, from: '2026-11-25', to: '2026-11-25' });
  expect(ownUnit.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DATA_QUALITY_OUT_OF_REACH', field: 'unitId' });
  const farUnit = await call(otherManager, BY_REP, { unitId: team, from: '2026-11-25', to: '2026-11-25' });
  expect(farUnit.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DATA_QUALITY_OUT_OF_REACH' });
  const farRep = await call(otherManager, REP, { userId: rep.id, from: '2026-11-25', to: '2026-11-25' });
  expect(errorCodes(farRep)).toEqual(['FORBIDDEN']);
  const nobody = await call(admin, REP, { userId: newId(), from: '2026-11-25', to: '2026-11-25' });
  expect(nobody.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'DATA_QUALITY_SUBJECT_NOT_FOUND' });
  const noUnit = await call(admin, UNIT, { unitId: newId(), from: '2026-11-25', to: '2026-11-25' });
  expect(errorCodes(noUnit)).toEqual(['NOT_FOUND']);

  const everyone = await ok<{ unitDataQuality: { customers: number } }>(admin, UNIT, { unitId: admin.orgUnitId, from: '2026-11-25', to: '2026-11-25' });
  expect(everyone.unitDataQuality.customers).toBe(4);
  const backwards = await call(rep, REP, { userId: rep.id, from: '2026-11-26', to: '2026-11-25' });
  expect(backwards.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  const notADay = await call(rep, REP, { userId: rep.id, from: '2026-02-30', to: '2026-03-01' });
  expect(notADay.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
});

it('weighs a custom field in use for the kind, and refuses it for a kind it does not apply to', async () => {
  await ok(admin, 'mutation ($input: DefineCustomFieldInput!) { defineCustomField(input: $input) { key } }', {
    input: { key: 'occupation', label: '职业', type: 'TEXT', appliesTo: ['INDIVIDUAL'] },
  });
  const forCompanies = await call(admin, SET_CONFIG, { input: { kind: 'COMPANY', keyFields: [{ field: 'custom.occupation', weight: 1 }] } });
  expect(forCompanies.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_KEY_FIELD', field: 'keyFields.0.field' });

  await ok(admin, SET_CONFIG, { input: { kind: 'INDIVIDUAL', keyFields: [{ field: 'name', weight: 1 }, { field: 'custom.occupation', weight: 1 }] } });
  await runJob('data_quality.rescore');
  expect(await completeness(ids.person)).toEqual({ score: 50, missing: ['custom.occupation'] });

  await ok(rep, 'mutation ($input: SetCustomFieldValuesInput!) { setCustomFieldValues(input: $input) { id } }', { input: { customerId: ids.person, values: [{ key: 'occupation', text: '教师' }] } });
  await runJob('data_quality.rescore');
  expect(await completeness(ids.person)).toEqual({ score: 100, missing: [] });
});
