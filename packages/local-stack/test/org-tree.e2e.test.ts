import { demoData } from '@crm/demo-data';
import { errorCodes, eventually, graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { signIn, startDemoStack } from './support/demo-stack';

/** ORG-1: the org tree is data; moving a subtree is a data change that every subgraph follows. */
const demo = demoData();
const unitAt = (path: string) => demo.orgUnits.find((u) => u.path === path)!;
const rep = demo.users.find((u) => u.email === 'rep1.east.shanghai.team1@demo.crm')!;

let stack: LocalStack;
let url: string;
let admin: string;
let repToken: string;
/** Signed in before the re-org below. */
const managers = { north: '', east: '' };

const login = async (email: string) => (await signIn(stack, email.replace('@demo.crm', ''))).accessToken;

async function paths(): Promise<string[]> {
  const rows = (await stack.subgraphs.identity!.orm.em.fork().getConnection().execute('select path::text as path from org_unit order by path')) as { path: string }[];
  return rows.map((r) => r.path);
}

beforeAll(async () => {
  ({ stack } = await startDemoStack());
  url = stack.gateway.url;
  admin = await login('admin@demo.crm');
  repToken = await login(rep.email);
  managers.north = await login('manager.north@demo.crm');
  managers.east = await login('manager.east@demo.crm');
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const CREATE = `mutation ($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id path closedAt } }`;
const MOVE = `mutation ($id: ID!, $to: ID!) { moveOrgUnit(input: { id: $id, newParentId: $to }) { path } }`;

describe('shaping the org tree', () => {
  it('adds a unit under a parent, deriving its path', async () => {
    const response = await graphql<{ createOrgUnit: { path: string } }>(url, CREATE, {
      token: admin,
      variables: { input: { name: '上海销售三组', code: 'team3', kind: 'TEAM', parentId: unitAt('hq.east.shanghai').id } },
    });
    expect(response.data?.createOrgUnit.path).toBe('hq.east.shanghai.team3');
  });

  it.each([
    ['a code that is not a path label', { code: 'Team 4' }, 'BAD_USER_INPUT'],
    ['a code its siblings already use', { code: 'team1' }, 'CONFLICT'],
    ['an unknown parent', { parentId: '0199a000-0000-7000-8000-000000000000' }, 'BAD_USER_INPUT'],
  ])('refuses %s and changes nothing', async (_case, override, code) => {
    const before = await paths();
    const input = { name: '某组', code: 'team9', kind: 'TEAM', parentId: unitAt('hq.east.shanghai').id, ...override };
    expect(errorCodes(await graphql(url, CREATE, { token: admin, variables: { input } }))).toEqual([code]);
    expect(await paths()).toEqual(before);
  });

  it('lets only administrators change the tree', async () => {
    const input = { name: '某组', code: 'team9', kind: 'TEAM', parentId: unitAt('hq.east.shanghai').id };
    expect(errorCodes(await graphql(url, CREATE, { token: repToken, variables: { input } }))).toEqual(['FORBIDDEN']);
  });

  it('moves a subtree with its people, and customers re-homes its replica of them', async () => {
    const moved = await graphql<{ moveOrgUnit: { path: string } }>(url, MOVE, {
      token: admin,
      variables: { id: unitAt('hq.east.shanghai').id, to: unitAt('hq.north').id },
    });
    expect(moved.data?.moveOrgUnit.path).toBe('hq.north.shanghai');
    const all = await paths();
    expect(all).toEqual(expect.arrayContaining(['hq.north.shanghai', 'hq.north.shanghai.team1', 'hq.north.shanghai.team3']));
    expect(all.filter((p) => p.startsWith('hq.east.shanghai'))).toEqual([]);

    const me = await graphql<{ me: { orgUnit: { path: string } } }>(url, '{ me { orgUnit { path } } }', { token: repToken });
    expect(me.data?.me.orgUnit.path).toBe('hq.north.shanghai.team1');
    await eventually(async () => {
      const [row] = (await stack.subgraphs.customers!.orm.em
        .fork()
        .getConnection()
        .execute('select org_path::text as path from directory_user where id = ?', [rep.id])) as { path: string }[];
      expect(row?.path).toBe('hq.north.shanghai.team1');
    });
  });

  it("lets the new region's manager see the moved subtree's customers and complaints, and the old one no longer, on the tokens they already hold", async () => {
    const complaint = demo.complaints.find((c) => demo.customers.find((x) => x.id === c.customerId)!.ownerId === rep.id)!;
    const sees = async (token: string) => {
      const response = await graphql<{ customer: { id: string } | null; complaint: { id: string } | null }>(
        url,
        'query ($customer: ID!, $complaint: ID!) { customer(id: $customer) { id } complaint(id: $complaint) { id } }',
        { token, variables: { customer: complaint.customerId, complaint: complaint.id } },
      );
      expect(response.errors).toBeUndefined();
      return { customer: Boolean(response.data?.customer), complaint: Boolean(response.data?.complaint) };
    };
    await eventually(async () => expect(await sees(managers.north)).toEqual({ customer: true, complaint: true }));
    await eventually(async () => expect(await sees(managers.east)).toEqual({ customer: false, complaint: false }));
  });

  it('refuses to move a unit under its own subtree, and changes nothing', async () => {
    const before = await paths();
    const response = await graphql(url, MOVE, { token: admin, variables: { id: unitAt('hq.north').id, to: unitAt('hq.north.beijing').id } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.extensions?.reason).toBe('ORG_TREE_CYCLE');
    expect(await paths()).toEqual(before);
  });
});

describe('positions over time', () => {
  it('keeps where a person was before a move, so past results stay where they were earned', async () => {
    const mover = demo.users.find((u) => u.email === 'rep3.west.chengdu.team1@demo.crm')!;
    const beforeMove = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const moved = await graphql(url, 'mutation ($id: ID!, $unit: ID!) { updateUser(input: { id: $id, orgUnitId: $unit }) { id } }', {
      token: admin,
      variables: { id: mover.id, unit: unitAt('hq.west.chengdu.team2').id },
    });
    expect(moved.errors).toBeUndefined();
    const history = await graphql<{ user: { then: { path: string }; now: { path: string }; orgUnit: { path: string } } }>(
      url,
      'query ($id: ID!, $then: DateTime!, $now: DateTime!) { user(id: $id) { then: orgUnitAt(at: $then) { path } now: orgUnitAt(at: $now) { path } orgUnit { path } } }',
      { token: admin, variables: { id: mover.id, then: beforeMove, now: new Date().toISOString() } },
    );
    expect(history.data?.user).toEqual({
      then: { path: 'hq.west.chengdu.team1' },
      now: { path: 'hq.west.chengdu.team2' },
      orgUnit: { path: 'hq.west.chengdu.team2' },
    });
  });

  it('refuses a malformed instant with a code', async () => {
    const response = await graphql(url, `{ user(id: "${rep.id}") { orgUnitAt(at: "last tuesday") { id } } }`, { token: admin });
    expect(errorCodes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('closing a unit', () => {
  const CLOSE = 'mutation ($id: ID!) { closeOrgUnit(id: $id) { closedAt } }';
  const newTeam = async (code: string) =>
    (
      await graphql<{ createOrgUnit: { id: string } }>(url, CREATE, {
        token: admin,
        variables: { input: { name: `临时组 ${code}`, code, kind: 'TEAM', parentId: unitAt('hq.south.shenzhen').id } },
      })
    ).data!.createOrgUnit.id;

  it('is refused while people work in it, saying so', async () => {
    const response = await graphql(url, CLOSE, { token: admin, variables: { id: unitAt('hq.east.hangzhou').id } });
    expect(errorCodes(response)).toEqual(['CONFLICT']);
    expect(response.errors?.[0]?.message).toMatch(/open sub-unit\(s\).*active person\(s\)/);
  });

  it('closes an empty unit, after which nothing can be put under it', async () => {
    const created = await graphql<{ createOrgUnit: { id: string } }>(url, CREATE, {
      token: admin,
      variables: { input: { name: '临时组', code: 'temp', kind: 'TEAM', parentId: unitAt('hq.west.chengdu').id } },
    });
    const id = created.data!.createOrgUnit.id;
    const closed = await graphql<{ closeOrgUnit: { closedAt: string | null } }>(url, CLOSE, { token: admin, variables: { id } });
    expect(closed.data?.closeOrgUnit.closedAt).toEqual(expect.any(String));
    const under = await graphql(url, CREATE, { token: admin, variables: { input: { name: '子组', code: 'sub', kind: 'TEAM', parentId: id } } });
    expect(errorCodes(under)).toEqual(['BAD_USER_INPUT']);
    const hired = await graphql(url, 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', {
      token: admin,
      variables: { input: { email: 'late.hire@demo.crm', displayName: '迟到', password: 'a long enough password', orgUnitId: id, roles: ['REP'] } },
    });
    expect(hired.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORG_UNIT_CLOSED' });
  });

  it('is refused while a territory is bound to it, until it is unbound', async () => {
    const id = await newTeam('bound');
    await graphql(url, 'mutation ($input: BindTerritoryInput!) { bindTerritory(input: $input) { division { code } } }', {
      token: admin,
      variables: { input: { orgUnitId: id, divisionCode: '440304' } },
    });
    const refused = await graphql(url, CLOSE, { token: admin, variables: { id } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ORG_UNIT_IN_USE', blockers: { territories: 1 } });
    expect(refused.errors?.[0]?.message).toMatch(/1 territory binding\(s\) point to it/);
    await graphql(url, 'mutation { unbindTerritory(divisionCode: "440304") }', { token: admin });
    expect((await graphql(url, CLOSE, { token: admin, variables: { id } })).errors).toBeUndefined();
  });

  it("is refused while its people's customers, open leads and complaints are theirs, and closes once they are handed over", async () => {
    const id = await newTeam('leaving');
    const person = await graphql<{ createUser: { id: string } }>(url, 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', {
      token: admin,
      variables: { input: { email: 'leaving.rep@demo.crm', displayName: '离职销售', password: 'a long enough password', orgUnitId: id, roles: ['REP'] } },
    });
    const personId = person.data!.createUser.id;
    const customerId = await eventually(async () => {
      const created = await graphql<{ createCustomer: { id: string } }>(url, 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }', {
        token: admin,
        variables: { input: { name: '离职销售的客户', kind: 'COMPANY', ownerId: personId } },
      });
      expect(created.errors).toBeUndefined();
      return created.data!.createCustomer.id;
    });
    await eventually(async () => {
      const lead = await graphql(url, 'mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }', {
        token: admin,
        variables: { input: { title: '离职销售的线索', source: 'WEB_INQUIRY', customerId, ownerId: personId } },
      });
      expect(lead.errors).toBeUndefined();
    });
    await eventually(async () => {
      const complaint = await graphql(url, 'mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }', {
        token: admin,
        variables: { input: { customerId, subject: '送货延迟', description: '第二次延迟', severity: 'LOW' } },
      });
      expect(complaint.errors).toBeUndefined();
    });

    await eventually(async () => {
      const refused = await graphql(url, CLOSE, { token: admin, variables: { id } });
      expect(refused.errors?.[0]?.extensions?.blockers).toEqual({ openSubUnits: 0, activePeople: 1, territories: 0, customers: 1, leads: 1, complaints: 1 });
      expect(refused.errors?.[0]?.message).toMatch(/1 active person\(s\) work in it, 1 customer\(s\) are owned there, 1 open lead\(s\) are owned there, 1 open complaint\(s\) are handled there/);
    });

    const successor = demo.users.find((u) => u.email === 'rep1.south.shenzhen.team1@demo.crm')!;
    const deactivated = await graphql(url, 'mutation ($user: ID!, $successor: ID!) { deactivateUser(input: { userId: $user, successorId: $successor }) { active } }', {
      token: admin,
      variables: { user: personId, successor: successor.id },
    });
    expect(deactivated.errors).toBeUndefined();
    await eventually(async () => {
      const closed = await graphql<{ closeOrgUnit: { closedAt: string | null } }>(url, CLOSE, { token: admin, variables: { id } });
      expect(closed.data?.closeOrgUnit.closedAt).toEqual(expect.any(String));
    });
  });
});

describe('recording locations (ORG-8)', () => {
  const person = demo.users.find((u) => u.email === 'rep1.west.chongqing.team1@demo.crm')!;
  const CHECK = 'query ($user: ID!, $device: String!, $at: DateTime) { locationRecording(userId: $user, deviceId: $device, at: $at) { allowed refusal } }';
  const HOURS = 'mutation ($input: WorkingHoursInput!) { setWorkingHours(input: $input) { start end } }';
  const mondayTen = '2026-11-23T02:00:00Z';
  const check = async (variables: Record<string, unknown>) =>
    (await graphql<{ locationRecording: { allowed: boolean; refusal: string | null } }>(url, CHECK, { token: admin, variables: { user: person.id, ...variables } }))
      .data?.locationRecording;
  let personToken: string;

  beforeAll(async () => {
    personToken = await login(person.email);
    await graphql(url, HOURS, { token: admin, variables: { input: { orgUnitId: unitAt('hq').id, weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' } } });
    await graphql(url, 'mutation ($input: RegisterCompanyDeviceInput!) { registerCompanyDevice(input: $input) { id } }', {
      token: admin,
      variables: { input: { userId: person.id, deviceId: 'imei-861234567890' } },
    });
  });

  it('needs consent first, then allows the company device within working hours', async () => {
    expect(await check({ device: 'imei-861234567890', at: mondayTen })).toEqual({ allowed: false, refusal: 'NO_CONSENT' });
    await graphql(url, 'mutation { setLocationConsent(given: true) { given } }', { token: personToken });
    expect(await check({ device: 'imei-861234567890', at: mondayTen })).toEqual({ allowed: true, refusal: null });
    expect(await check({ device: 'a-private-phone', at: mondayTen })).toEqual({ allowed: false, refusal: 'NOT_COMPANY_DEVICE' });
    expect(await check({ device: 'imei-861234567890', at: '2026-11-28T02:00:00Z' })).toEqual({ allowed: false, refusal: 'OUTSIDE_WORKING_HOURS' });
  });

  it("uses the nearest unit's working hours", async () => {
    await graphql(url, HOURS, { token: admin, variables: { input: { orgUnitId: unitAt('hq.west.chongqing').id, weekdays: [6], start: '08:00', end: '12:00' } } });
    expect(await check({ device: 'imei-861234567890', at: mondayTen })).toEqual({ allowed: false, refusal: 'OUTSIDE_WORKING_HOURS' });
    expect(await check({ device: 'imei-861234567890', at: '2026-11-28T02:00:00Z' })).toEqual({ allowed: true, refusal: null });
  });

  it('stops as soon as consent is withdrawn', async () => {
    await graphql(url, 'mutation { setLocationConsent(given: false) { given } }', { token: personToken });
    expect(await check({ device: 'imei-861234567890', at: '2026-11-28T02:00:00Z' })).toEqual({ allowed: false, refusal: 'NO_CONSENT' });
  });

  it.each([
    ['an impossible time', { orgUnitId: unitAt('hq').id, weekdays: [1], start: '25:00', end: '26:00' }],
    ['an end before the start', { orgUnitId: unitAt('hq').id, weekdays: [1], start: '18:00', end: '09:00' }],
    ['weekday 8', { orgUnitId: unitAt('hq').id, weekdays: [8], start: '09:00', end: '18:00' }],
  ])('refuses working hours with %s', async (_case, input) => {
    expect(errorCodes(await graphql(url, HOURS, { token: admin, variables: { input } }))).toEqual(['BAD_USER_INPUT']);
  });

  it("does not let a rep check a colleague's location rights", async () => {
    const other = demo.users.find((u) => u.email === 'rep2.west.chongqing.team1@demo.crm')!;
    const response = await graphql(url, CHECK, { token: personToken, variables: { user: other.id, device: 'x' } });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });
});

describe('subtree queries', () => {
  it('list everything under a unit, and use the GiST index on 100k units', async () => {
    const sql = stack.subgraphs.identity!.orm.em.fork().getConnection();
    await sql.execute(`insert into org_unit (id, name, kind, code, path, parent_id)
      select gen_random_uuid(), 'bulk ' || n, 'TEAM', 'b' || n, ('hq.bulk' || (n % 100) || '.b' || n)::ltree, null
      from generate_series(1, 100000) as n`);
    await sql.execute('analyze org_unit');
    const plan = (await sql.execute(
      `explain select * from org_unit where path <@ 'hq.west'::ltree order by id desc limit 21`,
    )) as { 'QUERY PLAN': string }[];
    expect(plan.map((line) => line['QUERY PLAN']).join('\n')).toMatch(/org_unit_path_gist_idx/);

    const listed = await graphql<{ orgUnits: { edges: { node: { path: string } }[] } }>(
      url,
      'query ($under: ID!) { orgUnits(under: $under, first: 50) { edges { node { path } } } }',
      { token: admin, variables: { under: unitAt('hq.west').id } },
    );
    expect(listed.data?.orgUnits.edges.map((e) => e.node.path).sort()).toEqual([
      'hq.west',
      'hq.west.chengdu',
      'hq.west.chengdu.team1',
      'hq.west.chengdu.team2',
      'hq.west.chengdu.temp',
      'hq.west.chongqing',
      'hq.west.chongqing.team1',
      'hq.west.chongqing.team2',
    ]);
  });
});
