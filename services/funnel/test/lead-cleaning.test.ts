import { customersSubgraph } from '@crm/customers';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type GraphQLResponse, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';

/**
 * FUN-1's cleaning as createLead applies it, against funnel's replica of customers' identity keys
 * (filled by customers' events, never by asking customers), and telesales' verification before
 * distribution. The clock is moved, never waited on.
 */
const clock = new ManualClock('2026-11-30T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const rep = person('rep1.east.shanghai.team1');
const otherRep = person('rep2.east.shanghai.team1');
const assistant = person('assistant.east.shanghai');
const manager = person('manager.east.shanghai');
const outsider = person('rep1.north.beijing.team1');

let system: TestSubgraphs;
let funnel: string;
const call = async <T = Record<string, unknown>>(user: DemoUser, query: string, variables: Record<string, unknown>, url = funnel) =>
  graphql<T>(url, query, { token: await system.tokenFor(actorOf(user)), variables });
const sql = async <T>(text: string, params: unknown[] = []) => (await system.running.funnel!.orm.em.fork().getConnection().execute(text, params)) as T[];

const LEAD_FIELDS = 'id status mobile landline uscc customer { id } duplicateOf { id } owner { id } cleaningNotes { code field message } verifiedAt verifiedBy { id } rejectionReason';
const CREATE = `mutation ($input: CreateLeadInput!) { createLead(input: $input) { ${LEAD_FIELDS} } }`;
const VERIFY = `mutation ($id: ID!) { verifyLead(id: $id) { ${LEAD_FIELDS} } }`;
const REJECT = `mutation ($id: ID!, $reason: String!) { rejectLead(id: $id, reason: $reason) { ${LEAD_FIELDS} } }`;
const DISTRIBUTE = `mutation ($input: DistributeLeadsInput!) { distributeLeads(input: $input) { ${LEAD_FIELDS} } }`;
const TRAIL = 'query ($id: ID!) { leadAuditTrail(id: $id) { edges { node { action at actor { id } before after reason } } } }';
const CREATE_CUSTOMER = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }';
const MERGE = 'mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }';

interface LeadView {
  id: string;
  status: string;
  mobile: string | null;
  landline: string | null;
  uscc: string | null;
  customer: { id: string } | null;
  duplicateOf: { id: string } | null;
  owner: { id: string };
  cleaningNotes: { code: string; field: string | null; message: string }[];
  verifiedAt: string | null;
  verifiedBy: { id: string } | null;
  rejectionReason: string | null;
}

async function createLead(user: DemoUser, input: Record<string, unknown>): Promise<GraphQLResponse<{ createLead: LeadView }>> {
  return call<{ createLead: LeadView }>(user, CREATE, { input: { source: 'PURCHASED_LIST', ...input } });
}

async function lead(user: DemoUser, input: Record<string, unknown>): Promise<LeadView> {
  const created = await createLead(user, input);
  expect(created.errors).toBeUndefined();
  return created.data!.createLead;
}

async function createCustomer(input: Record<string, unknown>): Promise<string> {
  const created = await call<{ createCustomer: { id: string } }>(rep, CREATE_CUSTOMER, { input }, system.running.customers!.url);
  expect(created.errors).toBeUndefined();
  return created.data!.createCustomer.id;
}

const leadsTitled = async (title: string) => (await sql<{ n: number }>('select count(*)::int as n from lead where title = ?', [title]))[0]!.n;

/** Valid: 91350100M000100Y43 is GB 32100's own example. */
const USCC = '91350100M000100Y43';
let individualId: string;
let companyId: string;

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph, funnelSubgraph], { clock, seedDemoData: true });
  funnel = system.running.funnel!.url;
  individualId = await createCustomer({ name: '王建国', kind: 'INDIVIDUAL', identityKeys: [{ kind: 'MOBILE', value: '139 0001 0001' }] });
  companyId = await createCustomer({ name: '福州示例科技有限公司', kind: 'COMPANY', identityKeys: [{ kind: 'USCC', value: USCC }] });
  await system.settled();
}, 180_000);

afterAll(async () => system?.stop());

describe('phone numbers (libphonenumber: mainland mobile and landline)', () => {
  it('normalises valid numbers', async () => {
    const created = await lead(rep, { title: '名片：有效号码', mobile: '+86 138-0013-8000', landline: '(021) 6123-4567' });
    expect(created).toMatchObject({ status: 'NEW', mobile: '13800138000', landline: '02161234567', cleaningNotes: [] });
  });

  it('flags an invalid number by default: the lead is kept, the number as written, with a note', async () => {
    const created = await lead(rep, { title: '名片：错号', mobile: '1380013800', landline: '0571-8888888' });
    expect(created.status).toBe('NEW');
    expect(created.mobile).toBe('1380013800');
    expect(created.cleaningNotes.map((note) => [note.code, note.field])).toEqual([
      ['INVALID_PHONE', 'mobile'],
      ['INVALID_PHONE', 'landline'],
    ]);
    expect(created.cleaningNotes[0]!.message).toMatch(/MOBILE_FORMAT/);
    expect(created.cleaningNotes[1]!.message).toMatch(/LANDLINE_NOT_LANDLINE/);
  });

  it('with REMOVE refuses the lead with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const title = '购买名单：空号';
    const refused = await createLead(rep, { title, mobile: '13800138000', landline: '021-6123', onInvalidPhone: 'REMOVE' });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'INVALID_PHONE', field: 'landline' });
    expect(await leadsTitled(title)).toBe(0);
  });
});

describe('a lead that is already a customer', () => {
  it("is linked to the customer whose mobile it has (replicated from customers' events), not worked as a new lead", async () => {
    const created = await lead(rep, { title: '官网咨询：老客户', mobile: '13900010001' });
    expect(created).toMatchObject({ status: 'MATCHED_CUSTOMER', customer: { id: individualId } });
    expect(created.cleaningNotes).toEqual([{ code: 'MATCHES_CUSTOMER', field: 'mobile', message: expect.stringContaining(individualId) }]);
  });

  it('is matched by USCC too, and someone who cannot see the customer is not told which it is', async () => {
    const created = await lead(outsider, { title: '爬虫：示例科技', uscc: USCC.toLowerCase(), companyName: '福州示例科技有限公司' });
    expect(created).toMatchObject({ status: 'MATCHED_CUSTOMER', customer: null });
    expect(created.cleaningNotes[0]!.code).toBe('MATCHES_CUSTOMER');
    const [linked] = await sql<{ customer_id: string }>('select customer_id from lead where id = ?', [created.id]);
    expect(linked!.customer_id).toBe(companyId);
    expect(created.cleaningNotes[0]!.message).not.toContain(companyId);
  });

  it("follows a merge: the merged customer's key now leads to the survivor", async () => {
    const mergedId = await createCustomer({ name: '王建国（重复）', kind: 'INDIVIDUAL', identityKeys: [{ kind: 'MOBILE', value: '13900010002' }] });
    const merged = await call(manager, MERGE, { input: { survivorId: individualId, mergedId, reason: '同一人' } }, system.running.customers!.url);
    expect(merged.errors).toBeUndefined();
    await system.settled();
    const created = await lead(rep, { title: '展会：老客户第二个手机', mobile: '13900010002' });
    expect(created).toMatchObject({ status: 'MATCHED_CUSTOMER', customer: { id: individualId } });
  });
});

describe('a lead repeating an open lead', () => {
  it('is linked to it as a duplicate by the same mobile, however written', async () => {
    const first = await lead(rep, { title: '官网咨询：冷库', mobile: '13700137000' });
    const again = await lead(otherRep, { title: '购买名单：冷库', mobile: '+86 137 0013 7000' });
    expect(again).toMatchObject({ status: 'DUPLICATE', duplicateOf: null });
    expect(again.cleaningNotes).toEqual([{ code: 'MATCHES_OPEN_LEAD', field: 'mobile', message: expect.stringMatching(/^An open lead of someone else/) }]);
    const [row] = await sql<{ duplicate_of_id: string }>('select duplicate_of_id from lead where id = ?', [again.id]);
    expect(row!.duplicate_of_id).toBe(first.id);
  });

  it('is linked by the same company name, spacing, full-width forms and brackets aside', async () => {
    const first = await lead(rep, { title: '名片：信航', companyName: '上海信航贸易有限公司', landline: '021-6123 4567' });
    const again = await lead(rep, { title: '爬虫：信航', companyName: '上海信航贸易 有限公司（总部）' });
    expect(again).toMatchObject({ status: 'DUPLICATE', duplicateOf: { id: first.id } });
    expect(again.cleaningNotes[0]).toMatchObject({ code: 'MATCHES_OPEN_LEAD', field: 'companyName' });
  });

  it('is a new lead once the earlier one is settled', async () => {
    const first = await lead(rep, { title: '官网咨询：已否决', mobile: '13600136000' });
    expect((await call(rep, REJECT, { id: first.id, reason: '空号' })).errors).toBeUndefined();
    expect((await lead(rep, { title: '官网咨询：再次咨询', mobile: '13600136000' })).status).toBe('NEW');
  });
});

describe('telesales verification', () => {
  it('lets the owner verify a NEW lead at the moment the clock says, audited and published', async () => {
    const created = await lead(rep, { title: '外呼核实：智能电表', mobile: '13500135001' });
    clock.set('2026-11-30T03:15:00Z');
    const verified = await call<{ verifyLead: LeadView }>(rep, VERIFY, { id: created.id });
    expect(verified.errors).toBeUndefined();
    expect(verified.data!.verifyLead).toMatchObject({ status: 'VERIFIED', verifiedAt: '2026-11-30T03:15:00.000Z', verifiedBy: { id: rep.id } });
    const trail = await call<{ leadAuditTrail: { edges: { node: Record<string, unknown> }[] } }>(rep, TRAIL, { id: created.id });
    expect(trail.data!.leadAuditTrail.edges.map((e) => e.node)).toEqual([
      { action: 'lead.verified', at: '2026-11-30T03:15:00.000Z', actor: { id: rep.id }, before: { status: 'NEW' }, after: { status: 'VERIFIED' }, reason: null },
    ]);
    const events = await sql<{ n: number }>("select count(*)::int as n from outbox_message where envelope->>'type' = 'lead.verified' and envelope->'payload'->>'leadId' = ?", [created.id]);
    expect(events[0]!.n).toBe(1);
  });

  it('refuses to verify or reject a lead twice: CONFLICT LEAD_NOT_NEW, nothing changes', async () => {
    const created = await lead(rep, { title: '外呼核实：重复操作', mobile: '13500135002' });
    expect((await call(rep, VERIFY, { id: created.id })).errors).toBeUndefined();
    const again = await call(rep, REJECT, { id: created.id, reason: '改主意' });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.extensions).toMatchObject({ reason: 'LEAD_NOT_NEW', status: 'VERIFIED' });
    expect((await sql<{ status: string }>('select status from lead where id = ?', [created.id]))[0]!.status).toBe('VERIFIED');
  });

  it("refuses someone who neither owns the lead nor may verify others' (an assistant who sees it), and one who cannot see it", async () => {
    const created = await lead(rep, { title: '外呼核实：越权', mobile: '13500135003' });
    expect(errorCodes(await call(assistant, VERIFY, { id: created.id }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await call(outsider, VERIFY, { id: created.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await call(rep, REJECT, { id: created.id, reason: '  ' }))).toEqual(['BAD_USER_INPUT']);
    expect((await sql<{ status: string }>('select status from lead where id = ?', [created.id]))[0]!.status).toBe('NEW');
  });

  it('lets a manager reject a lead in their subtree with the reason, audited', async () => {
    const created = await lead(rep, { title: '外呼核实：无意向', mobile: '13500135004' });
    const rejected = await call<{ rejectLead: LeadView }>(manager, REJECT, { id: created.id, reason: '无采购意向' });
    expect(rejected.data?.rejectLead).toMatchObject({ status: 'DISCARDED', rejectionReason: '无采购意向' });
    const trail = await call<{ leadAuditTrail: { edges: { node: Record<string, unknown> }[] } }>(manager, TRAIL, { id: created.id });
    expect(trail.data!.leadAuditTrail.edges[0]!.node).toMatchObject({ action: 'lead.rejected', actor: { id: manager.id }, reason: '无采购意向' });
  });
});

describe('distribution', () => {
  it('refuses a batch holding an unverified lead with LEAD_NOT_VERIFIED, and moves none of it', async () => {
    const verified = await lead(rep, { title: '分配：已核实', mobile: '13500135005' });
    expect((await call(rep, VERIFY, { id: verified.id })).errors).toBeUndefined();
    const unverified = await lead(rep, { title: '分配：未核实', mobile: '13500135006' });
    const refused = await call(manager, DISTRIBUTE, { input: { leadIds: [verified.id, unverified.id], toOwnerId: otherRep.id } });
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'LEAD_NOT_VERIFIED', leadIds: [unverified.id] });
    const owners = await sql<{ owner_id: string }>('select owner_id from lead where id in (?, ?)', [verified.id, unverified.id]);
    expect(owners.map((o) => o.owner_id)).toEqual([rep.id, rep.id]);

    const distributed = await call<{ distributeLeads: LeadView[] }>(manager, DISTRIBUTE, { input: { leadIds: [verified.id], toOwnerId: otherRep.id } });
    expect(distributed.errors).toBeUndefined();
    expect(distributed.data!.distributeLeads.map((l) => l.owner.id)).toEqual([otherRep.id]);
  });

  it('is a manager’s: a rep is FORBIDDEN', async () => {
    const verified = await lead(rep, { title: '分配：代表自行分配', mobile: '13500135007' });
    await call(rep, VERIFY, { id: verified.id });
    expect(errorCodes(await call(rep, DISTRIBUTE, { input: { leadIds: [verified.id], toOwnerId: otherRep.id } }))).toEqual(['FORBIDDEN']);
  });
});
