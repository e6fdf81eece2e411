import { customersSubgraph } from '../src';
import { checkUscc } from '@crm/platform';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, eventually, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * Issue 12's import: a file sent in parts, its rows checked by the customer's own rules, duplicates
 * skipped, flagged or merged, through the real job, with an error report.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const unitAt = (path: string) => demo.orgUnits.find((u) => u.path === path)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const manager = person('manager.east.shanghai');
const otherManager = person('manager.north.beijing');
const rep = person('rep1.east.shanghai.team1');
const admin = person('admin');

const usccFrom = (body: string) => [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].map((c) => body + c).find((code) => checkUscc(code).ok)!;
const wrongCheck = (uscc: string) => uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');

let system: TestSubgraphs;
let url: string;
const tokenOf = (user: DemoUser) => system.tokenFor(actorOf(user));
const call = async <T = Record<string, unknown>>(user: DemoUser, query: string, variables: Record<string, unknown>) => graphql<T>(url, query, { token: await tokenOf(user), variables });
const sql = async <T>(text: string, params: unknown[] = []) => (await system.running.customers!.orm.em.getConnection().execute(text, params)) as T[];

const BEGIN = 'mutation ($input: BeginUploadInput!) { beginCustomerImportUpload(input: $input) { id complete } }';
const APPEND = 'mutation ($input: AppendUploadChunkInput!) { appendCustomerImportChunk(input: $input) { receivedBytes complete } }';
const IMPORT = 'mutation ($input: ImportCustomersInput!) { importCustomers(input: $input) { id state format job { id } } }';
const JOB = 'query ($id: ID!) { customersJob(id: $id) { state progress total error } }';
const READ = `query ($id: ID!) { customerImport(id: $id) { state rows created merged skipped flagged failed job { id state }
  errors(first: 50) { edges { node { row column code message values } } } errorReport { fileName mediaType content } } }`;

interface ImportView {
  state: string;
  rows: number;
  created: number;
  merged: number;
  skipped: number;
  flagged: number;
  failed: number;
  job: { id: string; state: string } | null;
  errors: { edges: { node: { row: number; column: string | null; code: string; message: string; values: string[] } }[] };
  errorReport: { fileName: string; mediaType: string; content: string };
}

/** Sends a file in parts of `partBytes`, the last part twice (a client's retry). */
async function upload(user: DemoUser, fileName: string, bytes: Buffer, partBytes = 200): Promise<string> {
  const begun = await call<{ beginCustomerImportUpload: { id: string } }>(user, BEGIN, { input: { fileName, byteSize: bytes.length } });
  expect(begun.errors).toBeUndefined();
  const id = begun.data!.beginCustomerImportUpload.id;
  const parts = Math.ceil(bytes.length / partBytes);
  for (let sequence = 0; sequence < parts; sequence += 1) {
    const data = bytes.subarray(sequence * partBytes, (sequence + 1) * partBytes).toString('base64');
    const sent = await call<{ appendCustomerImportChunk: { complete: boolean } }>(user, APPEND, { input: { uploadId: id, sequence, data } });
    expect(sent.errors).toBeUndefined();
    if (sequence === parts - 1) expect((await call(user, APPEND, { input: { uploadId: id, sequence, data } })).errors).toBeUndefined();
  }
  return id;
}

type Mapping = Record<string, string>;
const mappingOf = (mapping: Mapping) => Object.entries(mapping).map(([column, field]) => ({ column, field }));

async function runImport(user: DemoUser, uploadId: string, mapping: Mapping, onDuplicate: string, extra: Record<string, unknown> = {}): Promise<ImportView & { jobProgress: number; jobTotal: number }> {
  // One call checks the mapping and starts the job.
  const started = await call<{ importCustomers: { id: string; job: { id: string } } }>(user, IMPORT, { input: { uploadId, mapping: mappingOf(mapping), onDuplicate, ...extra } });
  expect(started.errors).toBeUndefined();
  const importId = started.data!.importCustomers.id;
  const job = await eventually(async () => {
    const read = await call<{ customersJob: { state: string; progress: number; total: number; error: string | null } }>(user, JOB, { id: started.data!.importCustomers.job.id });
    expect(read.data!.customersJob.state).toMatch(/COMPLETED|FAILED|RETRY/);
    return read.data!.customersJob;
  }, 60_000, 200);
  expect(job.error).toBeNull();
  const read = await call<{ customerImport: ImportView }>(user, READ, { id: importId });
  expect(read.errors).toBeUndefined();
  return { ...read.data!.customerImport, jobProgress: job.progress, jobTotal: job.total };
}

const csv = (lines: string[][]) => Buffer.from(`\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`, 'utf8');
const HEADERS = ['公司名称', '统一社会信用代码', '行政区划', '地址', '行业', '标签', '联系人', '职务', '手机', '邮箱'];
const MAPPING: Mapping = {
  公司名称: 'name',
  统一社会信用代码: 'uscc',
  行政区划: 'divisionCode',
  地址: 'address',
  行业: 'industry',
  标签: 'tags',
  联系人: 'contactName',
  职务: 'contactTitle',
  手机: 'contactMobile',
  邮箱: 'contactEmail',
};

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph], { clock, seedDemoData: true });
  url = system.running.customers!.url;
  const BIND = 'mutation ($unit: ID!, $code: String!) { bindTerritory(input: { orgUnitId: $unit, divisionCode: $code }) { division { code } } }';
  for (const [path, code] of [['hq.east.shanghai', '310000'], ['hq.north.beijing', '110000']] as const) {
    const bound = await graphql(system.running.identity!.url, BIND, { token: await tokenOf(admin), variables: { unit: unitAt(path).id, code } });
    expect(bound.errors).toBeUndefined();
  }
  await system.settled();
}, 120_000);

afterAll(async () => system?.stop());

describe('a CSV import', () => {
  const good = usccFrom('91310104MA1FL0001');
  const second = usccFrom('91310104MA1FL0002');
  let result: Awaited<ReturnType<typeof runImport>>;

  beforeAll(async () => {
    const file = csv([
      HEADERS,
      ['上海导入测试贸易有限公司', good, '310104', '上海市徐汇区漕溪北路88号', '批发零售', '重点、华东', '王芳', '采购经理', '13800138001', 'wang.fang@example.com'],
      ['上海导入测试贸易有限公司', good, '310104', '', '', '', '李强', '财务', '13800138002', ''],
      ['错码科技有限公司', wrongCheck(second), '310104', '', '', '', '', '', '', ''],
      ['无区划有限公司', '', '999999', '', '', '', '赵六', '', '12345', ''],
      ['北京导入测试有限公司', second, '110105', '北京市朝阳区建国路1号', '', '', '', '', '', ''],
      ['', '', '', '', '', '', '', '', '', ''],
      ['上海导入二号物流有限公司', '', '310104', '上海市徐汇区虹桥路1号', '物流', '', '', '', '', ''],
    ]);
    result = await runImport(manager, await upload(manager, 'customers.csv', file), MAPPING, 'SKIP');
  }, 90_000);

  it('lands the valid rows and counts every row once; progress reaches the total', () => {
    expect(result).toMatchObject({ state: 'COMPLETED', rows: 6, created: 2, merged: 1, failed: 3, skipped: 0, flagged: 0 });
    expect(result.jobProgress).toBe(6);
    expect(result.jobTotal).toBe(6);
    expect(result.job).toMatchObject({ state: 'COMPLETED' });
  });

  it('makes one customer of rows with the same key and name, with a contact per row, published as customer.created', async () => {
    const [customer] = await sql<{ id: string; tags: string[]; owner_id: string }>('select c.id, c.tags, c.owner_id from customer c join customer_key k on k.customer_id = c.id where k.value = ?', [good]);
    expect(customer!.tags).toEqual(['重点', '华东']);
    expect(customer!.owner_id).toBe(manager.id);
    const contacts = await sql<{ name: string; is_primary: boolean; mobile: string }>('select name, is_primary, mobile from contact where customer_id = ? order by name', [customer!.id]);
    expect(contacts).toEqual([
      { name: '李强', is_primary: false, mobile: '13800138002' },
      { name: '王芳', is_primary: true, mobile: '13800138001' },
    ]);
    const events = await sql<{ n: number }>("select count(*)::int as n from outbox_message where envelope->>'type' = 'customer.created' and envelope->'payload'->>'customerId' = ?", [customer!.id]);
    expect(events[0]!.n).toBe(1);
  });

  it('reports invalid rows with the column and the rule that refused them', () => {
    const errors = result.errors.edges.map((edge) => edge.node);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, '统一社会信用代码', 'USCC_CHECK_DIGIT'],
      [5, '手机', 'INVALID_VALUE'],
      [5, '行政区划', 'UNKNOWN_DIVISION'],
      [6, null, 'OUT_OF_TERRITORY'],
    ]);
    expect(errors[0]!.values[0]).toBe('错码科技有限公司');
  });

  it('offers the errors as a CSV to download, with the original cells', () => {
    const { fileName, mediaType, content } = result.errorReport;
    expect([fileName, mediaType]).toEqual(['customers-errors.csv', 'text/csv; charset=utf-8']);
    const lines = content.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(`row,column,code,message,${HEADERS.join(',')}`);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^4,统一社会信用代码,USCC_CHECK_DIGIT,.*错码科技有限公司/);
  });
});

describe('other files', () => {
  it('reads the first sheet of an XLSX, its header row first', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['名称', '手机', '类型']);
    sheet.addRow(['张伟', 13900139001, '个人']);
    sheet.addRow(['表格导入有限公司', null, '企业']);
    workbook.addWorksheet('其他').addRow(['不读']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await runImport(manager, await upload(manager, 'book.xlsx', file, 4096), { 名称: 'name', 手机: 'mobile', 类型: 'kind' }, 'FLAG');
    expect(result).toMatchObject({ rows: 2, created: 2, failed: 0 });
    const [zhang] = await sql<{ kind: string }>("select c.kind from customer c join customer_key k on k.customer_id = c.id where k.kind = 'MOBILE' and k.value = '13900139001'");
    expect(zhang!.kind).toBe('INDIVIDUAL');
  }, 60_000);

  it('reads a CSV saved by Chinese Excel in GBK', async () => {
    const file = iconv.encode('客户名称,城市\r\n国标编码测试有限公司,上海\r\n', 'gbk');
    const result = await runImport(manager, await upload(manager, 'gbk.csv', file), { 客户名称: 'name', 城市: 'city' }, 'FLAG');
    expect(result).toMatchObject({ rows: 1, created: 1 });
    expect(await sql('select city from customer where name = ?', ['国标编码测试有限公司'])).toEqual([{ city: '上海' }]);
  }, 60_000);
});

describe('the mapping and the upload', () => {
  let uploadId: string;
  beforeAll(async () => {
    uploadId = await upload(manager, 'small.csv', csv([['名称'], ['映射测试有限公司']]));
  });

  it('refuses an unknown field or column, naming the mapping entry', async () => {
    const field = await call(manager, IMPORT, { input: { uploadId, mapping: [{ column: '名称', field: 'nickname' }], onDuplicate: 'SKIP' } });
    expect(errorCodes(field)).toEqual(['BAD_USER_INPUT']);
    expect(field.errors![0]!.extensions).toMatchObject({ field: 'mapping.0.field' });
    const column = await call(manager, IMPORT, { input: { uploadId, mapping: [{ column: '公司', field: 'name' }], onDuplicate: 'SKIP' } });
    expect(errorCodes(column)).toEqual(['BAD_USER_INPUT']);
    expect(column.errors![0]!.extensions).toMatchObject({ field: 'mapping.0.column' });
    expect(column.errors![0]!.message).toContain('"名称"');
  });

  it('keeps an upload to its uploader', async () => {
    const other = await call(otherManager, IMPORT, { input: { uploadId, mapping: [{ column: '名称', field: 'name' }], onDuplicate: 'SKIP' } });
    expect(errorCodes(other)).toEqual(['NOT_FOUND']);
    expect(other.errors![0]!.extensions).toMatchObject({ reason: 'UPLOAD_NOT_FOUND' });
    const append = await call(otherManager, APPEND, { input: { uploadId, sequence: 9, data: 'AAAA' } });
    expect(errorCodes(append)).toEqual(['NOT_FOUND']);
  });

  it('refuses bytes beyond the declared size, and an import by a rep', async () => {
    const begun = await call<{ beginCustomerImportUpload: { id: string } }>(manager, BEGIN, { input: { fileName: 'x.csv', byteSize: 3 } });
    const over = await call(manager, APPEND, { input: { uploadId: begun.data!.beginCustomerImportUpload.id, sequence: 0, data: Buffer.from('abcd').toString('base64') } });
    expect(over.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UPLOAD_CHUNK_REFUSED' });
    const repUpload = await upload(rep, 'rep.csv', csv([['名称'], ['代表导入有限公司']]));
    expect(errorCodes(await call(rep, IMPORT, { input: { uploadId: repUpload, mapping: [{ column: '名称', field: 'name' }], onDuplicate: 'SKIP' } }))).toEqual(['FORBIDDEN']);
  });
});

describe('duplicates', () => {
  const key = usccFrom('91310104MA1DUP001');
  const CREATE = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }';
  let existingId: string;
  const file = () =>
    csv([
      ['名称', '信用代码', '地址', '行业', '标签', '联系人'],
      ['上海重复检测贸易有限公司（新写法）', key, '上海市徐汇区天钥桥路1号', '贸易', '导入', '孙丽'],
      ['上海重复检测贸易有限公司（另一个）', key, '', '', '', ''],
    ]);
  const mapping = { 名称: 'name', 信用代码: 'uscc', 地址: 'address', 行业: 'industry', 标签: 'tags', 联系人: 'contactName' };

  beforeAll(async () => {
    const created = await call<{ createCustomer: { id: string } }>(manager, CREATE, { input: { name: '上海重复检测贸易有限公司', kind: 'COMPANY', identityKeys: [{ kind: 'USCC', value: key }] } });
    expect(created.errors).toBeUndefined();
    existingId = created.data!.createCustomer.id;
  });

  it('SKIP leaves the existing customer and reports the row, naming it to someone who sees it', async () => {
    const result = await runImport(manager, await upload(manager, 'skip.csv', file()), mapping, 'SKIP');
    expect(result).toMatchObject({ created: 0, skipped: 2, merged: 0 });
    expect(result.errors.edges.map((e) => e.node.code)).toEqual(['DUPLICATE_CUSTOMER_KEY', 'DUPLICATE_CUSTOMER_KEY']);
    expect(result.errors.edges[0]!.node.message).toContain(existingId);
    expect(await sql('select address from customer where id = ?', [existingId])).toEqual([{ address: null }]);
  }, 60_000);

  it('SKIP names only the owner of a customer the importer cannot see', async () => {
    const result = await runImport(otherManager, await upload(otherManager, 'skip.csv', file()), mapping, 'SKIP');
    expect(result.errors.edges[0]!.node.message).not.toContain(existingId);
    expect(result.errors.edges[0]!.node.message).toContain(manager.displayName);
  }, 60_000);

  it('SKIP skips a row whose key an earlier row of the file has under another name', async () => {
    const inFile = usccFrom('91310104MA1DUP002');
    const rows = csv([['名称', '信用代码'], ['文件内甲有限公司', inFile], ['文件内乙有限公司', inFile]]);
    const result = await runImport(manager, await upload(manager, 'in-file.csv', rows), { 名称: 'name', 信用代码: 'uscc' }, 'SKIP');
    expect(result).toMatchObject({ created: 1, skipped: 1 });
    expect(result.errors.edges.map((e) => [e.node.row, e.node.code])).toEqual([[3, 'DUPLICATE_IN_FILE']]);
  }, 60_000);

  it('SKIP also skips a likely duplicate without a key', async () => {
    const result = await runImport(manager, await upload(manager, 'fuzzy.csv', csv([['名称'], ['重复检测贸易（上海）有限公司']])), { 名称: 'name' }, 'SKIP');
    expect(result).toMatchObject({ created: 0, skipped: 1 });
    expect(result.errors.edges[0]!.node.code).toBe('LIKELY_DUPLICATE');
  }, 60_000);

  it('FLAG reports exact matches and imports likely duplicates for review', async () => {
    const rows = csv([['名称', '信用代码'], ['上海重复检测贸易有限公司', key], ['重复检测贸易（上海）股份有限公司', '']]);
    const result = await runImport(manager, await upload(manager, 'flag.csv', rows), { 名称: 'name', 信用代码: 'uscc' }, 'FLAG');
    expect(result).toMatchObject({ created: 1, flagged: 1 });
    await eventually(async () => {
      const reviews = await sql<{ n: number }>('select count(*)::int as n from duplicate_review r join customer c on c.id = r.customer_id where c.name = ?', ['重复检测贸易（上海）股份有限公司']);
      expect(reviews[0]!.n).toBeGreaterThan(0);
    });
  }, 60_000);

  it('MERGE fills the empty fields and adds tags and contacts, for a customer the importer sees', async () => {
    const result = await runImport(manager, await upload(manager, 'merge.csv', file()), mapping, 'MERGE');
    expect(result).toMatchObject({ created: 0, merged: 2 });
    expect(await sql('select address, industry, tags from customer where id = ?', [existingId])).toEqual([{ address: '上海市徐汇区天钥桥路1号', industry: '贸易', tags: ['导入'] }]);
    expect(await sql('select name from contact where customer_id = ?', [existingId])).toEqual([{ name: '孙丽' }]);
    const other = await runImport(otherManager, await upload(otherManager, 'merge.csv', file()), mapping, 'MERGE');
    expect(other).toMatchObject({ merged: 0, skipped: 2 });
    expect(other.errors.edges[0]!.node.code).toBe('DUPLICATE_NOT_VISIBLE');
  }, 90_000);
});
