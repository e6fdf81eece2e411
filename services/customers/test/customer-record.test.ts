import { customersSubgraph } from '../src';
import { Customer } from '../src/modules/customer';
import { queueLikelyDuplicates } from '../src/modules/duplicate-review/duplicate-review.service';
import { checkUscc } from '@crm/platform';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';

/**
 * The customer record (CUS-1), its identity keys (CUS-2, CUS-3's exact match) and the territory
 * that owns its location (ORG-3), on the customers subgraph with identity's replica.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const unitAt = (path: string) => demo.orgUnits.find((u) => u.path === path)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const shanghaiRep = person('rep1.east.shanghai.team1');
const shanghaiManager = person('manager.east.shanghai');
const beijingManager = person('manager.north.beijing');
const beijingRep = person('rep1.north.beijing.team1');
const admin = person('admin');

/** USCC and resident ID with correct check characters (GB 32100-2015, GB 11643). */
const VALID_USCC = '91350100M000100Y43';
const WRONG_USCC = '91350100M000100Y44';
const IMPOSSIBLE_BIRTH_DATE_ID = '110105199902310011';
/** A USCC from 17 characters and whichever check character GB 32100-2015 gives them. */
const usccWithCheckCharacter = (body: string) => [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].map((c) => body + c).find((code) => checkUscc(code).ok)!;

let system: TestSubgraphs;
let url: string;
const tokenOf = (user: DemoUser) => system.tokenFor(actorOf(user));

const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) {
  id name divisionCode address location { longitude latitude } industry source tags identityKeys { kind value } owner { id } } }`;
const REASSIGN = 'mutation ($input: ReassignCustomerInput!) { reassignCustomer(input: $input) { id owner { id } } }';
const TRAIL = 'query ($id: ID!) { customerAuditTrail(id: $id) { edges { node { action reason actor { id } after } } } }';

const create = async (user: DemoUser, input: Record<string, unknown>) =>
  graphql<{ createCustomer: { id: string; identityKeys: { kind: string; value: string }[] } & Record<string, unknown> }>(url, CREATE, {
    token: await tokenOf(user),
    variables: { input: { kind: 'COMPANY', ...input } },
  });

const rowCount = async (table: string) => {
  const [row] = (await system.running.customers!.orm.em.getConnection().execute(`select count(*)::int as n from ${table}`)) as { n: number }[];
  return row!.n;
};

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph], { clock, seedDemoData: true });
  url = system.running.customers!.url;
  const identityUrl = system.running.identity!.url;
  const BIND = 'mutation ($unit: ID!, $code: String!) { bindTerritory(input: { orgUnitId: $unit, divisionCode: $code }) { division { code } } }';
  for (const [path, code] of [['hq.east.shanghai', '310000'], ['hq.north.beijing', '110000']] as const) {
    const bound = await graphql(identityUrl, BIND, { token: await tokenOf(admin), variables: { unit: unitAt(path).id, code } });
    expect(bound.errors).toBeUndefined();
  }
  await system.settled();
}, 120_000);

afterAll(async () => system?.stop());

describe('the record (CUS-1)', () => {
  it('keeps the address with its division and GCJ-02 point, industry, source, tags and normalised keys', async () => {
    const created = await create(shanghaiRep, {
      name: '上海信航贸易有限公司',
      divisionCode: '310104',
      address: '上海市徐汇区漕溪北路 88 号',
      location: { longitude: 121.4375, latitude: 31.1951 },
      industry: '批发零售',
      source: 'WEB_INQUIRY',
      tags: ['重点', '华东', '重点'],
      identityKeys: [{ kind: 'USCC', value: ` ${VALID_USCC.toLowerCase()} ` }],
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createCustomer).toMatchObject({
      divisionCode: '310104',
      location: { longitude: 121.4375, latitude: 31.1951 },
      source: 'WEB_INQUIRY',
      tags: ['重点', '华东'],
      identityKeys: [{ kind: 'USCC', value: VALID_USCC }],
    });
  });

  it('refuses a division code GB/T 2260 does not have, naming the field', async () => {
    const refused = await create(shanghaiRep, { name: '无名公司', divisionCode: '999999' });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ field: 'divisionCode' });
  });
});

describe('identity keys (CUS-2) and exact duplicates (CUS-3)', () => {
  it('refuses a USCC with a wrong check character and an ID card with an impossible birth date; nothing is written', async () => {
    const before = [await rowCount('customer'), await rowCount('customer_key'), await rowCount('outbox_message')];
    const uscc = await create(shanghaiRep, { name: '错码公司', identityKeys: [{ kind: 'USCC', value: WRONG_USCC }] });
    expect(errorCodes(uscc)).toEqual(['BAD_USER_INPUT']);
    expect(uscc.errors![0]!.extensions).toMatchObject({ reason: 'INVALID_IDENTITY_KEY', rule: 'USCC_CHECK_DIGIT', field: 'identityKeys.0' });
    const person = await create(shanghaiRep, { name: '张三', kind: 'INDIVIDUAL', identityKeys: [{ kind: 'RESIDENT_ID', value: IMPOSSIBLE_BIRTH_DATE_ID }] });
    expect(person.errors![0]!.extensions).toMatchObject({ reason: 'INVALID_IDENTITY_KEY', rule: 'RESIDENT_ID_BIRTH_DATE' });
    expect([await rowCount('customer'), await rowCount('customer_key'), await rowCount('outbox_message')]).toEqual(before);
  });

  it('refuses a key that does not fit the kind of customer', async () => {
    const refused = await create(shanghaiRep, { name: '李四', kind: 'INDIVIDUAL', identityKeys: [{ kind: 'USCC', value: VALID_USCC }] });
    expect(refused.errors![0]!.message).toMatch(/individual is identified by MOBILE or RESIDENT_ID/);
  });

  it('refuses a key another customer has: named to someone who sees it, only its owner to anyone else', async () => {
    const mobile = '138 0013 8000';
    expect((await create(shanghaiRep, { name: '王五', kind: 'INDIVIDUAL', identityKeys: [{ kind: 'MOBILE', value: mobile }] })).errors).toBeUndefined();
    const again = await create(shanghaiRep, { name: '王五（重复）', kind: 'INDIVIDUAL', identityKeys: [{ kind: 'MOBILE', value: '+86 13800138000' }] });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.message).toContain('王五');
    const elsewhere = await create(beijingRep, { name: '王五', kind: 'INDIVIDUAL', identityKeys: [{ kind: 'MOBILE', value: '13800138000' }] });
    expect(errorCodes(elsewhere)).toEqual(['CONFLICT']);
    expect(elsewhere.errors![0]!.message).not.toContain('王五');
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ reason: 'DUPLICATE_CUSTOMER_KEY', existingCustomerId: null, ownerName: shanghaiRep.displayName, ownerUnit: shanghaiRep.orgPath });
  });
});

describe('territories (ORG-3)', () => {
  it('refuses a Shanghai rep a customer in Beijing, naming the owning unit; nothing is written', async () => {
    const before = await rowCount('customer');
    const refused = await create(shanghaiRep, { name: '北京星河科技有限公司', divisionCode: '110105' });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'OUT_OF_TERRITORY', owningUnitId: unitAt('hq.north.beijing').id, owningUnitPath: 'hq.north.beijing' });
    expect(refused.errors![0]!.message).toContain('hq.north.beijing');
    expect(await rowCount('customer')).toBe(before);
  });

  it('lets the city manager of Beijing create it', async () => {
    const created = await create(beijingManager, { name: '北京星河科技有限公司', divisionCode: '110105' });
    expect(created.errors).toBeUndefined();
  });

  it('lets a manager above both assign it outside the territory with a reason, and audits the override', async () => {
    const input = { name: '北京远航物流有限公司', divisionCode: '110105', ownerId: shanghaiRep.id };
    expect((await create(shanghaiManager, { ...input, territoryOverrideReason: '客户指定上海对接' })).errors![0]!.extensions).toMatchObject({
      reason: 'TERRITORY_OVERRIDE_NOT_ALLOWED',
    });
    expect((await create(admin, input)).errors![0]!.extensions).toMatchObject({ reason: 'OUT_OF_TERRITORY' });
    const created = await create(admin, { ...input, territoryOverrideReason: '客户指定上海对接' });
    expect(created.errors).toBeUndefined();
    const trail = await graphql<{ customerAuditTrail: { edges: { node: { action: string; reason: string; actor: { id: string } } }[] } }>(url, TRAIL, {
      token: await tokenOf(admin),
      variables: { id: created.data!.createCustomer.id },
    });
    expect(trail.data!.customerAuditTrail.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({ action: 'customer.territory_overridden', reason: '客户指定上海对接', actor: { id: admin.id } }),
    );
  });

  it('refuses handing a Beijing customer to a Shanghai rep without an override', async () => {
    const created = await create(beijingManager, { name: '北京安泰医疗器械有限公司', divisionCode: '110101' });
    const handover = await graphql(url, REASSIGN, { token: await tokenOf(admin), variables: { input: { customerId: created.data!.createCustomer.id, ownerId: shanghaiRep.id } } });
    expect(handover.errors![0]!.extensions).toMatchObject({ reason: 'OUT_OF_TERRITORY' });
  });
});

describe('likely duplicates (CUS-3)', () => {
  const CHECK = `query ($input: CheckDuplicatesInput!) { checkDuplicates(input: $input) {
    sameKey { customer { id } ownerName reasons } likely { customer { id name } ownerName ownerUnit score reasons } } }`;
  const REVIEWS = '{ duplicateReviews { edges { node { id customer { id name } candidate { id name } score reasons status } } } }';
  const DISMISS = 'mutation ($id: ID!) { dismissDuplicateReview(id: $id, reason: "不同的公司") { status decidedBy { id } } }';
  let first: string;
  let second: string;

  beforeAll(async () => {
    first = (await create(shanghaiRep, { name: '上海星海贸易有限公司', divisionCode: '310104', address: '上海市徐汇区漕溪北路88号' })).data!.createCustomer.id;
    const colleague = person('rep2.east.shanghai.team2');
    second = (await create(colleague, { name: '星海贸易（上海）有限公司', divisionCode: '310104', address: '徐汇区漕溪北路 88 号' })).data!.createCustomer.id;
    await system.settled();
  });

  it('answers before saving: the same company under another legal form and place order, at the same address', async () => {
    const checked = await graphql<{ checkDuplicates: { likely: { customer: { id: string } | null; score: number; reasons: string[] }[] } }>(url, CHECK, {
      token: await tokenOf(shanghaiRep),
      variables: { input: { name: '星海贸易(上海)股份有限公司', kind: 'COMPANY', address: '上海市徐汇区漕溪北路88号' } },
    });
    expect(checked.errors).toBeUndefined();
    expect(checked.data!.checkDuplicates.likely[0]).toMatchObject({ customer: { id: first }, score: 1, reasons: ['SIMILAR_NAME', 'SIMILAR_ADDRESS'] });
  });

  it('describes a likely duplicate the asker may not see by its owner only', async () => {
    const checked = await graphql<{ checkDuplicates: { likely: { customer: unknown; ownerName: string; ownerUnit: string }[] } }>(url, CHECK, {
      token: await tokenOf(beijingRep),
      variables: { input: { name: '上海星海贸易有限公司', kind: 'COMPANY' } },
    });
    expect(checked.data!.checkDuplicates.likely).toContainEqual({ customer: null, ownerName: shanghaiRep.displayName, ownerUnit: shanghaiRep.orgPath, score: 1, reasons: ['SIMILAR_NAME'] } as never);
  });

  it('queues the pair for a manager who sees it, who can dismiss it (audited); a rep may not review', async () => {
    const reviews = await graphql<{ duplicateReviews: { edges: { node: { id: string; customer: { id: string }; candidate: { id: string }; reasons: string[] } }[] } }>(url, REVIEWS, {
      token: await tokenOf(shanghaiManager),
    });
    const pair = reviews.data!.duplicateReviews.edges.map((e) => e.node).find((r) => r.customer.id === second);
    expect(pair).toMatchObject({ candidate: { id: first }, reasons: ['SIMILAR_NAME', 'SIMILAR_ADDRESS'] });
    expect(errorCodes(await graphql(url, REVIEWS, { token: await tokenOf(shanghaiRep) }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graphql(url, DISMISS, { token: await tokenOf(beijingManager), variables: { id: pair!.id } }))).toEqual(['NOT_FOUND']);
    const dismissed = await graphql(url, DISMISS, { token: await tokenOf(shanghaiManager), variables: { id: pair!.id } });
    expect(dismissed.data).toEqual({ dismissDuplicateReview: { status: 'DISMISSED', decidedBy: { id: shanghaiManager.id } } });
    const trail = await graphql<{ customerAuditTrail: { edges: { node: { action: string; reason: string } }[] } }>(url, TRAIL, { token: await tokenOf(shanghaiManager), variables: { id: second } });
    expect(trail.data!.customerAuditTrail.edges.map((e) => e.node)).toContainEqual(expect.objectContaining({ action: 'customer.duplicate_dismissed', reason: '不同的公司' }));
  });

  it('queues a pair once: two saved together (the demo data) and a redelivered creation of the earlier one', async () => {
    const pair = demo.customers.filter((c) => c.name.includes('锦程物流'));
    const reviewsOfPair = async () =>
      (await system.running.customers!.orm.em.fork().getConnection().execute(
        'select customer_id, candidate_id from duplicate_review where customer_id = any(?::uuid[]) and candidate_id = any(?::uuid[])',
        [`{${pair.map((c) => c.id)}}`, `{${pair.map((c) => c.id)}}`],
      )) as { customer_id: string; candidate_id: string }[];
    expect(await reviewsOfPair()).toEqual([{ customer_id: pair[1]!.id, candidate_id: pair[0]!.id }]);
    const em = system.running.customers!.orm.em.fork();
    await em.transactional(async (tx) => queueLikelyDuplicates(tx, await tx.find(Customer, { id: pair[0]!.id })));
    expect(await reviewsOfPair()).toHaveLength(1);
  });
});

describe('merging (CUS-3)', () => {
  const MERGE = 'mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id tags address identityKeys { kind value } } }';
  const CUSTOMER = 'query ($id: ID!) { customer(id: $id) { id name } }';
  const LIST = '{ customers(first: 100) { edges { node { id } } } }';

  it('keeps the survivor with both keys and tags; the merged one resolves to it and leaves every list; audited', async () => {
    const survivorId = (await create(shanghaiRep, { name: '上海远景贸易有限公司', tags: ['老客户'] })).data!.createCustomer.id;
    const uscc = usccWithCheckCharacter('91310000MA1FL0XB4');
    const merged = (await create(shanghaiRep, { name: '远景贸易（上海）有限公司', address: '上海市徐汇区漕溪北路88号', tags: ['华东'], identityKeys: [{ kind: 'USCC', value: uscc }] })).data!.createCustomer.id;
    const token = await tokenOf(shanghaiManager);

    expect(errorCodes(await graphql(url, MERGE, { token: await tokenOf(shanghaiRep), variables: { input: { survivorId, mergedId: merged, reason: '同一家公司' } } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graphql(url, MERGE, { token: await tokenOf(beijingManager), variables: { input: { survivorId, mergedId: merged, reason: '同一家公司' } } }))).toEqual(['NOT_FOUND']);

    const result = await graphql<{ mergeCustomers: { tags: string[]; address: string } }>(url, MERGE, { token, variables: { input: { survivorId, mergedId: merged, reason: '同一家公司' } } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.mergeCustomers).toMatchObject({ tags: ['老客户', '华东'], address: '上海市徐汇区漕溪北路88号', identityKeys: [{ kind: 'USCC', value: uscc }] });
    expect((await graphql<{ customer: { id: string } }>(url, CUSTOMER, { token, variables: { id: merged } })).data!.customer.id).toBe(survivorId);
    const listed = (await graphql<{ customers: { edges: { node: { id: string } }[] } }>(url, LIST, { token: await tokenOf(shanghaiRep) })).data!.customers.edges.map((e) => e.node.id);
    expect(listed).toContain(survivorId);
    expect(listed).not.toContain(merged);
    const trail = await graphql<{ customerAuditTrail: { edges: { node: { action: string; reason: string } }[] } }>(url, TRAIL, { token, variables: { id: survivorId } });
    expect(trail.data!.customerAuditTrail.edges.map((e) => e.node)).toContainEqual(expect.objectContaining({ action: 'customer.merged', reason: '同一家公司' }));
    expect(errorCodes(await graphql(url, MERGE, { token, variables: { input: { survivorId, mergedId: merged, reason: '再来一次' } } }))).toEqual(['NOT_FOUND']);
  });
});

describe('search and facets (CUS-1)', () => {
  const SEARCH = 'query ($filter: CustomerFilter, $order: CustomerOrder) { customers(filter: $filter, orderBy: $order, first: 50) { edges { node { id name divisionCode tags } } } }';
  const FACETS = 'query ($filter: CustomerFilter) { customerFacets(filter: $filter) { total kinds { value count } provinces { value count } tags { value count } } }';
  const OUTSIDE = '{ customersOutsideTerritories(first: 100) { edges { node { id divisionCode } } } }';
  const names = async (user: DemoUser, filter: Record<string, unknown>, order?: string) =>
    (await graphql<{ customers: { edges: { node: { name: string } }[] } }>(url, SEARCH, { token: await tokenOf(user), variables: { filter, order } })).data!.customers.edges.map((e) => e.node.name);

  beforeAll(async () => {
    for (const [name, divisionCode, tags] of [
      ['上海云帆医疗器械有限公司', '310115', ['重点', '医疗']],
      ['上海云帆物流有限公司', '310104', ['物流']],
      ['杭州云帆科技有限公司', null, ['重点']],
    ] as const) {
      const created = await create(shanghaiRep, { name, ...(divisionCode ? { divisionCode } : {}), tags: [...tags], source: 'REFERRAL' });
      expect(created.errors).toBeUndefined();
    }
  });

  it('finds customers by a part of the name, by pinyin initials, by division (a province holds its districts) and by tags', async () => {
    expect(await names(shanghaiRep, { nameContains: '云帆' })).toEqual(['杭州云帆科技有限公司', '上海云帆物流有限公司', '上海云帆医疗器械有限公司']);
    expect(await names(shanghaiRep, { nameContains: '云帆' }, 'OLDEST_FIRST')).toEqual(['上海云帆医疗器械有限公司', '上海云帆物流有限公司', '杭州云帆科技有限公司']);
    expect(await names(shanghaiRep, { nameContains: 'yfylqx' })).toEqual(['上海云帆医疗器械有限公司']);
    expect(await names(shanghaiRep, { nameContains: '云帆', divisionCode: '310000' })).toEqual(['上海云帆物流有限公司', '上海云帆医疗器械有限公司']);
    expect(await names(shanghaiRep, { nameContains: '云帆', tags: ['重点'] })).toEqual(['杭州云帆科技有限公司', '上海云帆医疗器械有限公司']);
    expect(await names(beijingRep, { nameContains: '云帆' })).toEqual([]);
  });

  it('counts the found customers by kind, province and tag', async () => {
    const facets = await graphql<{ customerFacets: { total: number; provinces: unknown[]; tags: unknown[]; kinds: unknown[] } }>(url, FACETS, {
      token: await tokenOf(shanghaiRep),
      variables: { filter: { nameContains: '云帆' } },
    });
    expect(facets.data!.customerFacets).toEqual({
      total: 3,
      kinds: [{ value: 'COMPANY', count: 3 }],
      provinces: [{ value: '310000', count: 2 }],
      tags: [
        { value: '重点', count: 2 },
        { value: '医疗', count: 1 },
        { value: '物流', count: 1 },
      ],
    });
  });

  it('lists customers no territory covers for admins only', async () => {
    const outside = await graphql<{ customersOutsideTerritories: { edges: { node: { divisionCode: string | null } }[] } }>(url, OUTSIDE, { token: await tokenOf(admin) });
    const codes = outside.data!.customersOutsideTerritories.edges.map((e) => e.node.divisionCode);
    expect(codes).toContain(null);
    expect(codes).not.toContain('310115');
    expect(codes).not.toContain('110105');
    expect(errorCodes(await graphql(url, OUTSIDE, { token: await tokenOf(shanghaiRep) }))).toEqual(['FORBIDDEN']);
  });
});
