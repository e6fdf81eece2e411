import { customersSubgraph } from '../src';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, newId, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';

/**
 * CUS-1: admin-defined, typed custom fields of customers, on the customers subgraph with identity's
 * people: definitions (admins only, audited), values validated per rule with nothing half-written,
 * required fields, retirement, filters and counts within the actor's visibility, batched reads.
 */
const clock = new ManualClock('2026-11-28T02:00:00Z');
const people = demoData().users;
const person = (email: string): DemoUser => people.find((p) => p.email === `${email}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const rep = person('rep1.east.shanghai.team1');
const outsider = person('rep1.north.beijing.team1');
const admin = person('admin');

let system: TestSubgraphs;
let url: string;
const as = async (user: DemoUser) => system.tokenFor(actorOf(user));

const DEFINITION = 'key label type required appliesTo options retired createdAt';
const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`;
const DEFINE = `mutation ($input: DefineCustomFieldInput!) { defineCustomField(input: $input) { ${DEFINITION} } }`;
const UPDATE = `mutation ($input: UpdateCustomFieldDefinitionInput!) { updateCustomFieldDefinition(input: $input) { ${DEFINITION} } }`;
const RETIRE = `mutation ($key: String!) { retireCustomField(key: $key) { key retired } }`;
const DEFINITIONS = `query ($kind: CustomerKind, $includeRetired: Boolean) { customFieldDefinitions(kind: $kind, includeRetired: $includeRetired) { key retired } }`;
const VALUE = 'definition { key } text number date choices';
const SET = `mutation ($input: SetCustomFieldValuesInput!) { setCustomFieldValues(input: $input) { id customFields { ${VALUE} } missingRequiredFields } }`;
const READ = `query ($id: ID!) { customer(id: $id) { id customFields { ${VALUE} } missingRequiredFields } }`;
const BY_FIELD = `query ($key: String!, $equals: String, $anyOf: [String!], $first: Int, $after: String) {
  customersByCustomField(key: $key, equals: $equals, anyOf: $anyOf, first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
const COUNTS = `query ($key: String!) { customFieldCounts(key: $key) { value customers } }`;

interface Value {
  definition: { key: string };
  text: string | null;
  number: string | null;
  date: string | null;
  choices: string[] | null;
}
interface Read {
  id: string;
  customFields: Value[];
  missingRequiredFields: string[];
}

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph], { clock, seedDemoData: true });
  url = system.running.customers!.url;
}, 120_000);

afterAll(async () => system?.stop());

const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
  (await system.running.customers!.orm.em.fork().getConnection().execute(text, params)) as T[];
const rowCount = async (table: string) => (await sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
const rowCounts = async () => Promise.all(['custom_field_definition', 'customer_custom_value', 'audit_entry'].map(rowCount));

async function createCustomer(name: string, kind: 'COMPANY' | 'INDIVIDUAL' = 'COMPANY', owner: DemoUser = rep): Promise<string> {
  const created = await graphql<{ createCustomer: { id: string } }>(url, CREATE, { token: await as(owner), variables: { input: { name, kind } } });
  expect(created.errors).toBeUndefined();
  return created.data!.createCustomer.id;
}

async function define(input: Record<string, unknown>, user: DemoUser = admin) {
  return graphql<{ defineCustomField: Record<string, unknown> }>(url, DEFINE, { token: await as(user), variables: { input } });
}

async function setValues(customerId: string, values: Record<string, unknown>[], user: DemoUser = rep) {
  return graphql<{ setCustomFieldValues: Read }>(url, SET, { token: await as(user), variables: { input: { customerId, values } } });
}

async function read(id: string, user: DemoUser = rep): Promise<Read | null> {
  const result = await graphql<{ customer: Read | null }>(url, READ, { token: await as(user), variables: { id } });
  expect(result.errors).toBeUndefined();
  return result.data!.customer;
}

async function byField(variables: Record<string, unknown>, user: DemoUser = rep): Promise<string[]> {
  const result = await graphql<{ customersByCustomField: { edges: { node: { id: string } }[] } }>(url, BY_FIELD, { token: await as(user), variables });
  expect(result.errors).toBeUndefined();
  return result.data!.customersByCustomField.edges.map((edge) => edge.node.id);
}

async function counts(key: string, user: DemoUser = rep) {
  const result = await graphql<{ customFieldCounts: { value: string; customers: number }[] }>(url, COUNTS, { token: await as(user), variables: { key } });
  expect(result.errors).toBeUndefined();
  return result.data!.customFieldCounts;
}

const TIERS = ['战略客户', '重点客户', '普通客户'];
const CHANNELS = ['线上', '展会', '代理商', '直销'];

beforeAll(async () => {
  const fields = [
    { key: 'credit_note', label: '信用备注', type: 'TEXT', appliesTo: ['COMPANY', 'INDIVIDUAL'] },
    { key: 'annual_revenue', label: '年营业额', type: 'NUMBER', appliesTo: ['COMPANY'] },
    { key: 'founded_on', label: '成立日期', type: 'DATE', appliesTo: ['COMPANY'] },
    { key: 'tier', label: '客户等级', type: 'SINGLE_CHOICE', required: true, appliesTo: ['COMPANY'], options: TIERS },
    { key: 'channels', label: '获客渠道', type: 'MULTI_CHOICE', appliesTo: ['COMPANY', 'INDIVIDUAL'], options: CHANNELS },
  ];
  for (const input of fields) expect((await define(input)).errors).toBeUndefined();
});

it('lets an admin define fields of every type, audited, and lists them for anyone signed in', async () => {
  const defined = await define({ key: 'wechat_group', label: '微信群名称', type: 'TEXT', appliesTo: ['INDIVIDUAL', 'INDIVIDUAL'] });
  expect(defined.errors).toBeUndefined();
  expect(defined.data!.defineCustomField).toEqual({
    key: 'wechat_group',
    label: '微信群名称',
    type: 'TEXT',
    required: false,
    appliesTo: ['INDIVIDUAL'],
    options: [],
    retired: false,
    createdAt: '2026-11-28T02:00:00.000Z',
  });
  const audit = await sql<{ action: string; actor_id: string; after: Record<string, unknown> }>("select action, actor_id, after from audit_entry where subject_type = 'CustomFieldDefinition' and subject_id = 'wechat_group'");
  expect(audit).toEqual([{ action: 'custom_field.defined', actor_id: admin.id, after: expect.objectContaining({ type: 'TEXT', appliesTo: ['INDIVIDUAL'] }) }]);

  const listed = await graphql<{ customFieldDefinitions: { key: string }[] }>(url, DEFINITIONS, { token: await as(rep), variables: { kind: 'COMPANY' } });
  expect(listed.errors).toBeUndefined();
  expect(listed.data!.customFieldDefinitions.map((d) => d.key)).toEqual(expect.arrayContaining(['credit_note', 'annual_revenue', 'founded_on', 'tier', 'channels']));
  expect(listed.data!.customFieldDefinitions.map((d) => d.key)).not.toContain('wechat_group');
});

it('refuses a rep defining or changing a field (FORBIDDEN) and bad definitions (BAD_USER_INPUT, CONFLICT), writing nothing', async () => {
  const before = await rowCounts();
  expect(errorCodes(await define({ key: 'rep_field', label: '销售字段', type: 'TEXT', appliesTo: ['COMPANY'] }, rep))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await graphql(url, UPDATE, { token: await as(rep), variables: { input: { key: 'tier', label: '等级' } } }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await graphql(url, RETIRE, { token: await as(rep), variables: { key: 'tier' } }))).toEqual(['FORBIDDEN']);

  const refusals: [Record<string, unknown>, RegExp][] = [
    [{ key: 'Bad-Key', label: '字段', type: 'TEXT', appliesTo: ['COMPANY'] }, /^key: must be lower_snake_case/],
    [{ key: 'x', label: '字段', type: 'TEXT', appliesTo: ['COMPANY'] }, /^key: /],
    [{ key: 'english_label', label: 'Revenue', type: 'TEXT', appliesTo: ['COMPANY'] }, /^label: must be Chinese text/],
    [{ key: 'long_label', label: '长'.repeat(41), type: 'TEXT', appliesTo: ['COMPANY'] }, /^label: must be at most 40/],
    [{ key: 'no_kinds', label: '字段', type: 'TEXT', appliesTo: [] }, /^appliesTo: /],
    [{ key: 'no_options', label: '字段', type: 'SINGLE_CHOICE', appliesTo: ['COMPANY'] }, /^options: /],
    [{ key: 'empty_options', label: '字段', type: 'MULTI_CHOICE', appliesTo: ['COMPANY'], options: [] }, /^options: a choice field needs at least 1 option/],
    [{ key: 'twice_options', label: '字段', type: 'MULTI_CHOICE', appliesTo: ['COMPANY'], options: ['甲', '乙', '甲'] }, /^options\.2: "甲" is given twice/],
    [{ key: 'many_options', label: '字段', type: 'MULTI_CHOICE', appliesTo: ['COMPANY'], options: Array.from({ length: 101 }, (_, i) => `选项${i}`) }, /^options: must have at most 100/],
    [{ key: 'long_option', label: '字段', type: 'MULTI_CHOICE', appliesTo: ['COMPANY'], options: ['长'.repeat(41)] }, /^options\.0: must be at most 40/],
    [{ key: 'text_options', label: '字段', type: 'TEXT', appliesTo: ['COMPANY'], options: ['甲'] }, /^options: a TEXT field has no options/],
  ];
  for (const [input, message] of refusals) {
    const refused = await define(input);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.message).toMatch(message);
  }
  const taken = await define({ key: 'tier', label: '等级', type: 'TEXT', appliesTo: ['COMPANY'] });
  expect(errorCodes(taken)).toEqual(['CONFLICT']);
  expect(await rowCounts()).toEqual(before);
});

it('validates every value against its field, naming values.N.<part> and the rule, and writes nothing when one fails', async () => {
  const customerId = await createCustomer('上海信航贸易有限公司');
  const person = await createCustomer('王小明', 'INDIVIDUAL');
  const good = { key: 'credit_note', text: '按时付款' };
  const refusals: [string, Record<string, unknown>, string, string, string?][] = [
    [customerId, { key: 'no_such_field', text: 'x' }, 'values.1.key', 'FIELD_UNKNOWN'],
    [customerId, { key: 'annual_revenue', text: '很多' }, 'values.1.text', 'WRONG_TYPE'],
    [customerId, { key: 'tier', number: '1' }, 'values.1.number', 'WRONG_TYPE'],
    [customerId, { key: 'tier', choices: ['VIP'] }, 'values.1.choices', 'CHOICE_NOT_AN_OPTION'],
    [customerId, { key: 'channels', choices: ['线上', '电视'] }, 'values.1.choices', 'CHOICE_NOT_AN_OPTION'],
    [customerId, { key: 'tier', choices: ['战略客户', '重点客户'] }, 'values.1.choices', 'SINGLE_CHOICE_HAS_MANY'],
    [customerId, { key: 'annual_revenue', number: '1,000' }, 'values.1.number', 'NUMBER_NOT_DECIMAL'],
    [customerId, { key: 'annual_revenue', number: '1e9' }, 'values.1.number', 'NUMBER_NOT_DECIMAL'],
    [customerId, { key: 'annual_revenue', number: '12.' }, 'values.1.number', 'NUMBER_NOT_DECIMAL'],
    [customerId, { key: 'annual_revenue', number: '1'.repeat(21) }, 'values.1.number', 'NUMBER_OUT_OF_RANGE'],
    [customerId, { key: 'founded_on', date: '2026-02-30' }, 'values.1.date', 'DATE_NOT_REAL'],
    [customerId, { key: 'founded_on', date: '2025-02-29' }, 'values.1.date', 'DATE_NOT_REAL'],
    [customerId, { key: 'founded_on', date: '28/11/2026' }, 'values.1.date', 'DATE_FORMAT'],
    [customerId, { key: 'credit_note', text: 'again' }, 'values.1.key', 'KEY_REPEATED'],
    [person, { key: 'annual_revenue', number: '1' }, 'values.1.key', 'FIELD_NOT_FOR_KIND'],
  ];
  const before = await rowCounts();
  for (const [id, entry, field, rule] of refusals) {
    const refused = await setValues(id, [good, entry]);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ field, rule });
    expect(refused.errors![0]!.message.startsWith(`${field}: `)).toBe(true);
  }
  expect(await rowCounts()).toEqual(before);
  expect((await read(customerId))!.customFields).toEqual([]);

  // A customer the rep cannot see, or none at all: NOT_FOUND, nothing written.
  expect(errorCodes(await setValues(customerId, [good], outsider))).toEqual(['NOT_FOUND']);
  expect(errorCodes(await setValues(newId(), [good]))).toEqual(['NOT_FOUND']);
  expect(await rowCounts()).toEqual(before);
});

it('stores values exactly, reads them in the fields order, audits the change, and keeps a required field from being cleared', async () => {
  const customerId = await createCustomer('苏州明远机械有限公司');
  expect((await read(customerId))!.missingRequiredFields).toEqual(['tier']);

  const set = await setValues(customerId, [
    { key: 'channels', choices: ['直销', '线上', '直销'] },
    { key: 'tier', choices: ['重点客户'] },
    { key: 'annual_revenue', number: '12345678901234567.5000' },
    { key: 'founded_on', date: '2024-02-29' },
    { key: 'credit_note', text: '  按时付款，信用良好  ' },
  ]);
  expect(set.errors).toBeUndefined();
  const expected: Value[] = [
    { definition: { key: 'credit_note' }, text: '按时付款，信用良好', number: null, date: null, choices: null },
    { definition: { key: 'annual_revenue' }, text: null, number: '12345678901234567.5', date: null, choices: null },
    { definition: { key: 'founded_on' }, text: null, number: null, date: '2024-02-29', choices: null },
    { definition: { key: 'tier' }, text: null, number: null, date: null, choices: ['重点客户'] },
    { definition: { key: 'channels' }, text: null, number: null, date: null, choices: ['线上', '直销'] },
  ];
  expect(set.data!.setCustomFieldValues).toEqual({ id: customerId, customFields: expected, missingRequiredFields: [] });
  expect(await read(customerId)).toEqual({ id: customerId, customFields: expected, missingRequiredFields: [] });

  const [audit] = await sql<{ action: string; before: Record<string, unknown>; after: Record<string, unknown> }>(
    "select action, before, after from audit_entry where subject_type = 'Customer' and subject_id = ? and action = 'customer.custom_fields_set'",
    [customerId],
  );
  expect(audit).toEqual({
    action: 'customer.custom_fields_set',
    before: { channels: null, tier: null, annual_revenue: null, founded_on: null, credit_note: null },
    after: { channels: ['线上', '直销'], tier: ['重点客户'], annual_revenue: '12345678901234567.5', founded_on: '2024-02-29', credit_note: '按时付款，信用良好' },
  });

  // The required tier cannot be cleared; the other value in the same write is not written either.
  const before = await rowCounts();
  for (const clear of [{ key: 'tier' }, { key: 'tier', choices: [] }]) {
    const refused = await setValues(customerId, [{ key: 'credit_note', text: '改了' }, clear]);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ field: 'values.1.choices', rule: 'REQUIRED' });
  }
  expect(await rowCounts()).toEqual(before);

  // Optional fields clear; the change is audited.
  const cleared = await setValues(customerId, [{ key: 'credit_note', text: '' }, { key: 'channels' }, { key: 'annual_revenue', number: '-0.50' }]);
  expect(cleared.errors).toBeUndefined();
  expect(cleared.data!.setCustomFieldValues.customFields.map((v) => [v.definition.key, v.number ?? v.date ?? v.choices])).toEqual([
    ['annual_revenue', '-0.5'],
    ['founded_on', '2024-02-29'],
    ['tier', ['重点客户']],
  ]);
  expect(await sql('select count(*)::int as n from customer_custom_value where customer_id = ?', [customerId])).toEqual([{ n: 3 }]);
});

it('refuses removing an option still chosen (with the count), allows adding options, and audits the change', async () => {
  await define({ key: 'region_tag', label: '区域标签', type: 'MULTI_CHOICE', appliesTo: ['COMPANY'], options: ['华东', '华北'] });
  const a = await createCustomer('杭州启明电子有限公司');
  const b = await createCustomer('宁波海天塑料有限公司');
  for (const id of [a, b]) expect((await setValues(id, [{ key: 'tier', choices: ['普通客户'] }, { key: 'region_tag', choices: ['华东'] }])).errors).toBeUndefined();

  const refused = await graphql(url, UPDATE, { token: await as(admin), variables: { input: { key: 'region_tag', options: ['华北', '华南'] } } });
  expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
  expect(refused.errors![0]!.extensions).toMatchObject({ rule: 'OPTION_IN_USE', customers: 2, inUse: [{ option: '华东', customers: 2 }] });
  expect(refused.errors![0]!.message).toMatch(/"华东" \(2 customers\)/);

  const updated = await graphql<{ updateCustomFieldDefinition: Record<string, unknown> }>(url, UPDATE, {
    token: await as(admin),
    variables: { input: { key: 'region_tag', label: '区域', required: true, options: ['华东', '华南'] } },
  });
  expect(updated.errors).toBeUndefined();
  expect(updated.data!.updateCustomFieldDefinition).toMatchObject({ label: '区域', required: true, options: ['华东', '华南'] });
  const audit = await sql<{ action: string; before: unknown; after: unknown }>("select action, before, after from audit_entry where subject_type = 'CustomFieldDefinition' and subject_id = 'region_tag' order by at, id");
  expect(audit.at(-1)).toEqual({
    action: 'custom_field.updated',
    before: { label: '区域标签', required: false, options: ['华东', '华北'] },
    after: { label: '区域', required: true, options: ['华东', '华南'] },
  });
  // Now required, so a company without it lists it as missing.
  expect((await read(await createCustomer('南通远航船舶有限公司')))!.missingRequiredFields).toEqual(['tier', 'region_tag']);

  // Retiring hides the field: not listed, not read, not required, not writable; the values stay.
  const retired = await graphql<{ retireCustomField: { key: string; retired: boolean } }>(url, RETIRE, { token: await as(admin), variables: { key: 'region_tag' } });
  expect(retired.data!.retireCustomField).toEqual({ key: 'region_tag', retired: true });
  const listed = await graphql<{ customFieldDefinitions: { key: string }[] }>(url, DEFINITIONS, { token: await as(rep), variables: {} });
  expect(listed.data!.customFieldDefinitions.map((d) => d.key)).not.toContain('region_tag');
  const all = await graphql<{ customFieldDefinitions: { key: string; retired: boolean }[] }>(url, DEFINITIONS, { token: await as(admin), variables: { includeRetired: true } });
  expect(all.data!.customFieldDefinitions).toContainEqual({ key: 'region_tag', retired: true });
  const afterRetire = (await read(a))!;
  expect(afterRetire.customFields.map((v) => v.definition.key)).toEqual(['tier']);
  expect(afterRetire.missingRequiredFields).toEqual([]);
  const write = await setValues(a, [{ key: 'region_tag', choices: ['华南'] }]);
  expect(write.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'values.0.key', rule: 'FIELD_RETIRED' });
  expect(await sql("select count(*)::int as n from customer_custom_value where field_key = 'region_tag'")).toEqual([{ n: 2 }]);
  expect(errorCodes(await graphql(url, COUNTS, { token: await as(rep), variables: { key: 'region_tag' } }))).toEqual(['BAD_USER_INPUT']);
});

it('filters by a choice and by text equality, and counts per option, within what the actor may see', async () => {
  await define({ key: 'industry_line', label: '行业线', type: 'MULTI_CHOICE', appliesTo: ['COMPANY'], options: ['汽车', '医疗', '能源'] });
  await define({ key: 'buyer_code', label: '采购编码', type: 'TEXT', appliesTo: ['COMPANY'] });
  const auto = await createCustomer('常州汽配有限公司');
  const both = await createCustomer('无锡医汽科技有限公司');
  const energy = await createCustomer('南京能源集团有限公司');
  const foreign = await createCustomer('北京汽车零件有限公司', 'COMPANY', outsider);
  expect((await setValues(auto, [{ key: 'industry_line', choices: ['汽车'] }, { key: 'buyer_code', text: 'A-100' }])).errors).toBeUndefined();
  expect((await setValues(both, [{ key: 'industry_line', choices: ['医疗', '汽车'] }, { key: 'buyer_code', text: 'A-100' }])).errors).toBeUndefined();
  expect((await setValues(energy, [{ key: 'industry_line', choices: ['能源'] }, { key: 'buyer_code', text: 'B-200' }])).errors).toBeUndefined();
  expect((await setValues(foreign, [{ key: 'industry_line', choices: ['汽车'] }, { key: 'buyer_code', text: 'A-100' }], outsider)).errors).toBeUndefined();

  expect(await byField({ key: 'industry_line', equals: '汽车' })).toEqual([both, auto]);
  expect(await byField({ key: 'industry_line', anyOf: ['医疗', '能源'] })).toEqual([energy, both]);
  expect(await byField({ key: 'buyer_code', equals: 'A-100' })).toEqual([both, auto]);
  expect(await byField({ key: 'buyer_code', anyOf: ['B-200', 'C-300'] })).toEqual([energy]);
  expect(await byField({ key: 'buyer_code' })).toEqual([energy, both, auto]);
  // Paging.
  const first = await graphql<{ customersByCustomField: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>(url, BY_FIELD, {
    token: await as(rep),
    variables: { key: 'buyer_code', equals: 'A-100', first: 1 },
  });
  expect(first.data!.customersByCustomField.edges.map((e) => e.node.id)).toEqual([both]);
  expect(await byField({ key: 'buyer_code', equals: 'A-100', first: 1, after: first.data!.customersByCustomField.pageInfo.endCursor })).toEqual([auto]);

  // A rep of another region sees none of ours, only their own.
  expect(await byField({ key: 'industry_line', equals: '汽车' }, outsider)).toEqual([foreign]);
  expect(await byField({ key: 'buyer_code', equals: 'B-200' }, outsider)).toEqual([]);

  expect(await counts('industry_line')).toEqual([
    { value: '汽车', customers: 2 },
    { value: '医疗', customers: 1 },
    { value: '能源', customers: 1 },
  ]);
  expect(await counts('industry_line', outsider)).toEqual([
    { value: '汽车', customers: 1 },
    { value: '医疗', customers: 0 },
    { value: '能源', customers: 0 },
  ]);
  expect(await counts('buyer_code')).toEqual([
    { value: 'A-100', customers: 2 },
    { value: 'B-200', customers: 1 },
  ]);

  // The customer search takes custom fields beside its other filters, and its facets count them.
  const SEARCH = 'query ($filter: CustomerFilter) { customers(filter: $filter) { edges { node { id } } } customerFacets(filter: $filter) { total } }';
  const search = async (filter: Record<string, unknown>) => graphql<{ customers: { edges: { node: { id: string } }[] }; customerFacets: { total: number } }>(url, SEARCH, { token: await as(rep), variables: { filter } });
  const carParts = await search({ nameContains: '汽', customFields: [{ key: 'industry_line', equals: '汽车' }, { key: 'buyer_code', anyOf: ['A-100'] }] });
  expect(carParts.data).toEqual({ customers: { edges: [{ node: { id: both } }, { node: { id: auto } }] }, customerFacets: { total: 2 } });
  expect((await search({ nameContains: '常州', customFields: [{ key: 'industry_line', equals: '汽车' }] })).data!.customers.edges).toEqual([{ node: { id: auto } }]);
  const wrongChoice = await search({ customFields: [{ key: 'industry_line', equals: '航空' }] });
  expect(wrongChoice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.customFields.0.equals' });

  // Filters refuse what the field cannot hold, and unknown fields.
  const refusals: [Record<string, unknown>, string][] = [
    [{ key: 'industry_line', equals: '航空' }, 'equals'],
    [{ key: 'annual_revenue', anyOf: ['1', 'x'] }, 'anyOf.1'],
    [{ key: 'founded_on', equals: '2026-13-01' }, 'equals'],
    [{ key: 'buyer_code', equals: 'A', anyOf: ['B'] }, 'anyOf'],
    [{ key: 'nothing_here', equals: 'A' }, 'key'],
  ];
  for (const [variables, field] of refusals) {
    const refused = await graphql(url, BY_FIELD, { token: await as(rep), variables });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ field });
  }
});

it('filters and counts numbers and dates by value', async () => {
  const a = await createCustomer('合肥数字科技有限公司');
  const b = await createCustomer('芜湖精密制造有限公司');
  expect((await setValues(a, [{ key: 'tier', choices: ['普通客户'] }, { key: 'annual_revenue', number: '1000.50' }, { key: 'founded_on', date: '1999-12-31' }])).errors).toBeUndefined();
  expect((await setValues(b, [{ key: 'tier', choices: ['普通客户'] }, { key: 'annual_revenue', number: '1000.5' }, { key: 'founded_on', date: '2001-01-01' }])).errors).toBeUndefined();
  expect(await byField({ key: 'annual_revenue', equals: '1000.500' })).toEqual([b, a]);
  expect(await byField({ key: 'founded_on', equals: '1999-12-31' })).toEqual([a]);
  expect(await counts('annual_revenue')).toEqual(expect.arrayContaining([{ value: '1000.5', customers: 2 }]));
  expect(await counts('founded_on')).toEqual(expect.arrayContaining([{ value: '1999-12-31', customers: 1 }, { value: '2001-01-01', customers: 1 }]));
});

it('reads customFields and missingRequiredFields of 30 customers in a bounded number of statements', async () => {
  for (let i = 0; i < 30; i += 1) {
    const id = await createCustomer(`批量字段客户${i + 1}有限公司`, 'COMPANY', admin);
    expect((await setValues(id, [{ key: 'tier', choices: [TIERS[i % 3]] }, { key: 'credit_note', text: `备注${i}` }], admin)).errors).toBeUndefined();
  }
  const statements: string[] = [];
  const knex = (system.running.customers!.orm.em.getConnection() as unknown as { getKnex(): { on(event: 'query', listener: (query: { sql: string }) => void): void } }).getKnex();
  let counting = false;
  knex.on('query', (query) => {
    if (counting && /\bcustom/.test(query.sql) && !/outbox_message/.test(query.sql)) statements.push(query.sql);
  });
  const LIST = `query ($first: Int!) { customers(first: $first) { edges { node { id customFields { ${VALUE} } missingRequiredFields } } } }`;
  const countFor = async (first: number) => {
    await system.settled();
    statements.length = 0;
    counting = true;
    const result = await graphql<{ customers: { edges: { node: Read }[] } }>(url, LIST, { token: await as(admin), variables: { first } });
    counting = false;
    expect(result.errors).toBeUndefined();
    expect(result.data!.customers.edges).toHaveLength(first);
    return { count: statements.length, nodes: result.data!.customers.edges.map((e) => e.node) };
  };
  const few = await countFor(3);
  const many = await countFor(30);
  expect(many.nodes.every((node) => node.customFields.map((v) => v.definition.key).join() === 'credit_note,tier')).toBe(true);
  expect(many.nodes.every((node) => node.missingRequiredFields.length === 0)).toBe(true);
  // The list, the values of all of them, the fields in use: the same few statements for 3 as for 30.
  expect(many.count).toBeLessThanOrEqual(3);
  expect(many.count).toBe(few.count);
});

it("fills a merge survivor's empty fields from the merged customer", async () => {
  const survivor = await createCustomer('扬州恒通物流有限公司', 'COMPANY', admin);
  const merged = await createCustomer('扬州恒通物流（扬州）有限公司', 'COMPANY', admin);
  expect((await setValues(survivor, [{ key: 'tier', choices: ['战略客户'] }], admin)).errors).toBeUndefined();
  expect((await setValues(merged, [{ key: 'tier', choices: ['普通客户'] }, { key: 'credit_note', text: '老客户' }], admin)).errors).toBeUndefined();
  const merge = await graphql(url, `mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }`, {
    token: await as(admin),
    variables: { input: { survivorId: survivor, mergedId: merged, reason: '重复录入' } },
  });
  expect(merge.errors).toBeUndefined();
  await system.settled();
  expect((await read(survivor, admin))!.customFields.map((v) => [v.definition.key, v.text ?? v.choices])).toEqual([
    ['credit_note', '老客户'],
    ['tier', ['战略客户']],
  ]);
});

it('filters and counts on one field through its indexes (with realistic statistics)', async () => {
  class Rollback extends Error {
    constructor(readonly plans: Record<string, string>) {
      super('rollback');
    }
  }
  // 200 more choice fields with a value for every customer, inside a transaction that is rolled back.
  const plans = await system.running.customers!.orm.em
    .fork()
    .transactional(async (em) => {
      const run = async (text: string, params: unknown[] = []) => (await em.getConnection().execute(text, params, 'all', em.getTransactionContext())) as Record<string, string>[];
      await run(`insert into custom_field_definition (key, label, type, required, applies_to, options, created_at)
                 select 'synthetic_' || n, '字段' || n, 'MULTI_CHOICE', false, '{COMPANY,INDIVIDUAL}', '{甲,乙,丙}', now() from generate_series(1, 200) n`);
      await run(`insert into customer_custom_value (customer_id, field_key, choices)
                 select c.id, 'synthetic_' || n, array[(array['甲', '乙', '丙'])[1 + abs(hashtext(c.id::text || n)) % 3]]
                   from customer c cross join generate_series(1, 200) n`);
      await run('analyze customer_custom_value');
      const plan = async (text: string, params: unknown[]) => (await run(`explain ${text}`, params)).map((row) => row['QUERY PLAN']).join('\n');
      throw new Rollback({
        choice: await plan('select customer_id from customer_custom_value v where v.field_key = ? and v.choices is not null and v.choices && array[?]::text[]', ['industry_line', ['汽车', '医疗']]),
        text: await plan('select customer_id from customer_custom_value v where v.field_key = ? and v.text_value = ?', ['buyer_code', 'A-100']),
        number: await plan('select customer_id from customer_custom_value v where v.field_key = ? and v.number_value = ?::numeric', ['annual_revenue', '1000.5']),
        date: await plan('select customer_id from customer_custom_value v where v.field_key = ? and v.date_value = ?::date', ['founded_on', '1999-12-31']),
        values: await plan('select * from customer_custom_value v where v.customer_id in (?)', [[newId(), newId()]]),
      });
    })
    .then(
      () => ({}) as Record<string, string>,
      (error: unknown) => {
        if (error instanceof Rollback) return error.plans;
        throw error;
      },
    );
  expect(plans.choice).toMatch(/customer_custom_value_choices_idx/);
  expect(plans.text).toMatch(/customer_custom_value_text_idx/);
  expect(plans.number).toMatch(/customer_custom_value_number_idx/);
  expect(plans.date).toMatch(/customer_custom_value_date_idx/);
  expect(plans.values).toMatch(/customer_custom_value_pkey/);
  for (const plan of Object.values(plans)) expect(plan).not.toMatch(/Seq Scan/);
  expect(await sql("select count(*)::int as n from custom_field_definition where key like 'synthetic_%'")).toEqual([{ n: 0 }]);
});
