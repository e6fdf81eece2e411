import { customersSubgraph } from '@crm/customers';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, eventually, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';

/**
 * Issue 13's lead import: a file sent in parts, each row through createLead's cleaning against
 * funnel's replica of customers' keys, the file's own duplicates collapsed, a report per row, and
 * only clean, verified leads distributed, evenly across a team's reps.
 */
const clock = new ManualClock('2026-11-30T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

/** Demo data's one sales team: its leader (also a rep) and two reps. */
const team = demo.salesTeams[0]!;
const leader = demo.users.find((u) => u.id === team.leaderId)!;
const teamReps = team.memberIds;
const rep = person('rep1.north.beijing.team1');

let system: TestSubgraphs;
let funnel: string;
const call = async <T = Record<string, unknown>>(user: DemoUser, query: string, variables: Record<string, unknown>, url = funnel) =>
  graphql<T>(url, query, { token: await system.tokenFor(actorOf(user)), variables });
const sql = async <T>(text: string, params: unknown[] = []) => (await system.running.funnel!.orm.em.fork().getConnection().execute(text, params)) as T[];

const BEGIN = 'mutation ($input: BeginUploadInput!) { beginLeadImportUpload(input: $input) { id } }';
const APPEND = 'mutation ($input: AppendUploadChunkInput!) { appendLeadImportChunk(input: $input) { complete } }';
const IMPORT = 'mutation ($input: ImportLeadsInput!) { importLeads(input: $input) { id state job { id } } }';
const JOB = 'query ($id: ID!) { funnelJob(id: $id) { state progress total error } }';
const READ = `query ($id: ID!) { leadImport(id: $id) { state rows created flagged matchedCustomer matchedOpenLead collapsed removed failed verified distributed
  errors(first: 50) { edges { node { row column code message } } } errorReport { fileName content } } }`;

interface ImportView {
  state: string;
  rows: number;
  created: number;
  flagged: number;
  matchedCustomer: number;
  matchedOpenLead: number;
  collapsed: number;
  removed: number;
  failed: number;
  verified: number;
  distributed: number;
  errors: { edges: { node: { row: number; column: string | null; code: string; message: string } }[] };
  errorReport: { fileName: string; content: string };
}

const csv = (lines: string[][]) => Buffer.from(`\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`, 'utf8');

async function upload(user: DemoUser, fileName: string, bytes: Buffer, partBytes = 300): Promise<string> {
  const begun = await call<{ beginLeadImportUpload: { id: string } }>(user, BEGIN, { input: { fileName, byteSize: bytes.length } });
  expect(begun.errors).toBeUndefined();
  const uploadId = begun.data!.beginLeadImportUpload.id;
  for (let sequence = 0; sequence * partBytes < bytes.length; sequence += 1) {
    const data = bytes.subarray(sequence * partBytes, (sequence + 1) * partBytes).toString('base64');
    expect((await call(user, APPEND, { input: { uploadId, sequence, data } })).errors).toBeUndefined();
  }
  return uploadId;
}

const mappingOf = (mapping: Record<string, string>) => Object.entries(mapping).map(([column, field]) => ({ column, field }));

async function runImport(user: DemoUser, uploadId: string, mapping: Record<string, string>, options: Record<string, unknown>): Promise<ImportView> {
  const started = await call<{ importLeads: { id: string; job: { id: string } } }>(user, IMPORT, { input: { uploadId, mapping: mappingOf(mapping), source: 'PURCHASED_LIST', ...options } });
  expect(started.errors).toBeUndefined();
  const job = await eventually(async () => {
    const read = await call<{ funnelJob: { state: string; progress: number; total: number; error: string | null } }>(user, JOB, { id: started.data!.importLeads.job.id });
    expect(read.data!.funnelJob.state).toMatch(/COMPLETED|FAILED/);
    return read.data!.funnelJob;
  }, 60_000, 200);
  expect(job).toMatchObject({ state: 'COMPLETED', error: null });
  expect(job.progress).toBe(job.total);
  const read = await call<{ leadImport: ImportView }>(user, READ, { id: started.data!.importLeads.id });
  expect(read.errors).toBeUndefined();
  return read.data!.leadImport;
}

const HEADERS = ['公司名称', '联系人', '手机', '座机', '备注'];
const MAPPING = { 公司名称: 'companyName', 联系人: 'contactName', 手机: 'mobile', 座机: 'landline', 备注: 'notes' };
const CUSTOMER_MOBILE = '13911110000';
const OPEN_LEAD_MOBILE = '13822220000';
const leadCount = async () => (await sql<{ n: number }>('select count(*)::int as n from lead'))[0]!.n;

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph, funnelSubgraph], { clock, seedDemoData: true });
  funnel = system.running.funnel!.url;
  const customer = await call(rep, 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }', {
    input: { name: '李老板', kind: 'INDIVIDUAL', identityKeys: [{ kind: 'MOBILE', value: CUSTOMER_MOBILE }] },
  }, system.running.customers!.url);
  expect(customer.errors).toBeUndefined();
  const open = await call(rep, 'mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }', { input: { title: '官网咨询：已有线索', source: 'WEB_INQUIRY', mobile: OPEN_LEAD_MOBILE } });
  expect(open.errors).toBeUndefined();
  await system.settled();
}, 180_000);

afterAll(async () => system?.stop());

describe('Importing a file with invalid phones, an existing customer’s mobile and in-file duplicates', () => {
  let result: ImportView;
  beforeAll(async () => {
    clock.set('2026-11-30T06:00:00Z');
    const file = csv([
      HEADERS,
      ['北京甲科技有限公司', '赵一', '13800001111', '010-8765 4321', ''], // 2 clean
      ['北京乙科技有限公司', '钱二', '1380000222', '', '少一位'], // 3 invalid mobile: flagged
      ['', '李老板', CUSTOMER_MOBILE, '', '老客户'], // 4 an existing customer's mobile
      ['北京甲科技有限公司（重复）', '赵一', '+86 138 0000 1111', '', ''], // 5 row 2 again
      ['北京丙物流有限公司', '孙三', '13800003333', '', ''], // 6 clean
      ['北京丙物流 有限公司', '孙三助理', '', '010-6543 2100', ''], // 7 row 6's company again
      ['北京丁贸易有限公司', '周四', OPEN_LEAD_MOBILE, '', ''], // 8 an open lead's mobile
      ['', '', '', '', '只有备注'], // 9 neither a name nor a phone
      ['北京戊机械有限公司', '吴五', '13800005555', '', ''], // 10 clean
      ['北京己电子有限公司', '郑六', '', '0571-8888888', ''], // 11 invalid landline: flagged
    ]);
    result = await runImport(leader, await upload(leader, 'bought-list.csv', file), MAPPING, { verify: true, distribute: { toSalesTeamId: team.id } });
  }, 90_000);

  it('counts every row once', () => {
    expect(result).toMatchObject({ state: 'COMPLETED', rows: 10, created: 3, flagged: 2, matchedCustomer: 1, matchedOpenLead: 1, collapsed: 2, removed: 0, failed: 1, verified: 3, distributed: 3 });
  });

  it('reports each row not taken in as a clean new lead, with its column and a stable code', () => {
    expect(result.errors.edges.map(({ node }) => [node.row, node.column, node.code])).toEqual([
      [3, '手机', 'INVALID_PHONE'],
      [4, '手机', 'MATCHES_CUSTOMER'],
      [5, null, 'DUPLICATE_IN_FILE'],
      [7, null, 'DUPLICATE_IN_FILE'],
      [8, '手机', 'MATCHES_OPEN_LEAD'],
      [9, null, 'INVALID_VALUE'],
      [11, '座机', 'INVALID_PHONE'],
    ]);
    expect(result.errors.edges[2]!.node.message).toMatch(/^Row 2 of the file/);
    expect(result.errorReport.fileName).toBe('bought-list-report.csv');
    expect(result.errorReport.content.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(8);
  });

  it('distributes only the clean, verified leads, evenly across the team’s reps', async () => {
    const rows = await sql<{ company_name: string | null; status: string; owner_id: string; verified_by_id: string | null }>(
      "select company_name, status, owner_id, verified_by_id from lead where created_at = '2026-11-30T06:00:00Z' order by company_name nulls first",
    );
    expect(rows.map((r) => [r.company_name, r.status])).toEqual([
      [null, 'MATCHED_CUSTOMER'],
      ['北京丁贸易有限公司', 'DUPLICATE'],
      ['北京丙物流有限公司', 'VERIFIED'],
      ['北京乙科技有限公司', 'NEW'],
      ['北京己电子有限公司', 'NEW'],
      ['北京戊机械有限公司', 'VERIFIED'],
      ['北京甲科技有限公司', 'VERIFIED'],
    ]);
    const [flagged] = await sql<{ code: string }>("select cleaning_notes->0->>'code' as code from lead where company_name = '北京乙科技有限公司'");
    expect(flagged!.code).toBe('INVALID_PHONE');
    const verified = rows.filter((r) => r.status === 'VERIFIED');
    expect(verified.map((r) => r.owner_id).sort()).toEqual([...teamReps].sort());
    expect(verified.every((r) => r.verified_by_id === leader.id)).toBe(true);
    expect(rows.filter((r) => r.status !== 'VERIFIED').every((r) => r.owner_id === leader.id)).toBe(true);
    const events = await sql<{ type: string; n: number }>(
      "select envelope->>'type' as type, count(*)::int as n from outbox_message where envelope->>'time' = '2026-11-30T06:00:00.000Z' group by 1 order by 1",
    );
    expect(events).toEqual([
      { type: 'lead.created', n: 7 },
      { type: 'lead.verified', n: 3 },
    ]);
  });
});

describe('options', () => {
  it('REMOVE leaves a row with an invalid phone out, reported', async () => {
    const file = csv([HEADERS, ['北京庚有限公司', '王七', '12345', '', ''], ['北京辛有限公司', '冯八', '13800008888', '', '']]);
    const before = await leadCount();
    const result = await runImport(leader, await upload(leader, 'remove.csv', file), MAPPING, { onInvalidPhone: 'REMOVE' });
    expect(result).toMatchObject({ rows: 2, removed: 1, created: 1, verified: 0, distributed: 0 });
    expect(result.errors.edges.map(({ node }) => [node.row, node.code])).toEqual([[2, 'INVALID_PHONE']]);
    expect(await leadCount()).toBe(before + 1);
  }, 60_000);

  it('refuses to distribute without verifying: only verified leads are distributed', async () => {
    const uploadId = await upload(leader, 'unverified.csv', csv([HEADERS, ['北京壬有限公司', '陈九', '13800009999', '', '']]));
    const refused = await call(leader, IMPORT, { input: { uploadId, mapping: mappingOf(MAPPING), source: 'EVENT', distribute: { toOwnerId: rep.id } } });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ field: 'distribute' });
  });
});

describe('a mapping the file does not fit', () => {
  let uploadId: string;
  const imports = async () => (await sql<{ n: number }>('select count(*)::int as n from lead_import'))[0]!.n;
  beforeAll(async () => {
    uploadId = await upload(leader, 'no-mobile.csv', csv([['公司名称', '联系人'], ['北京癸有限公司', '褚十']]));
  });

  it('a column the file lacks is BAD_USER_INPUT naming it, and nothing is written', async () => {
    const [leads, before] = [await leadCount(), await imports()];
    const refused = await call(leader, IMPORT, { input: { uploadId, mapping: mappingOf({ 公司名称: 'companyName', 手机: 'mobile' }), source: 'CRAWLED' } });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ field: 'mapping.1.column' });
    expect(refused.errors![0]!.message).toContain('"手机"');
    expect([await leadCount(), await imports()]).toEqual([leads, before]);
  });

  it('a file without a phone column is refused the same way: telesales verify by calling', async () => {
    const refused = await call(leader, IMPORT, { input: { uploadId, mapping: mappingOf({ 公司名称: 'companyName', 联系人: 'contactName' }), source: 'CRAWLED' } });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ field: 'mapping' });
  });

  it('an import by a rep is FORBIDDEN', async () => {
    const repUpload = await upload(rep, 'rep.csv', csv([['手机'], ['13800007777']]));
    expect(errorCodes(await call(rep, IMPORT, { input: { uploadId: repUpload, mapping: mappingOf({ 手机: 'mobile' }), source: 'CRAWLED' } }))).toEqual(['FORBIDDEN']);
  });
});
