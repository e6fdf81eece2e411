import { demoData, type DemoUser } from '@crm/demo-data';
import { ManualClock } from '@crm/platform';
import { errorCodes, graphql, type TestSubgraphs } from '@crm/testing';
import { actorOf, orgUnit as unit, person, startIdentity } from './support/identity';

/**
 * PLT-4 for identity from day one: every change to people and the org tree leaves an audit entry
 * in the same unit of work — who, when (the injectable clock), what before and after, which
 * request — readable only by those who may see the subject; and the trail cannot be rewritten.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');

const demoTeamId = () => demoData().salesTeams[0]!.id;

const admin = person('admin');
const eastManager = person('manager.east');
const shanghaiManager = person('manager.east.shanghai');
const northManager = person('manager.north');
const assistant = person('assistant.east.shanghai');
const rep1 = person('rep1.east.shanghai.team1');
const rep2 = person('rep2.east.shanghai.team1');
const newcomer = person('rep3.east.shanghai.team1');
const outsider = person('rep1.north.beijing.team1');

let system: TestSubgraphs;
let url: string;

type Trail = { edges: { node: Record<string, unknown> }[] };
const ENTRY = 'action at actor { id } onBehalfOf { id } before after reason requestId';
const USER_TRAIL = `query ($id: ID!) { userAuditTrail(id: $id) { edges { node { ${ENTRY} } } } }`;
const UNIT_TRAIL = `query ($id: ID!) { orgUnitAuditTrail(id: $id) { edges { node { ${ENTRY} } } } }`;
const TEAM_TRAIL = `query ($id: ID!) { salesTeamAuditTrail(id: $id) { edges { node { ${ENTRY} } } } }`;
const DEACTIVATE = 'mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { id active employmentStatus } }';
const UPDATE_USER = 'mutation ($input: UpdateUserInput!) { updateUser(input: $input) { id orgUnit { id } } }';
const MOVE_UNIT = 'mutation ($input: MoveOrgUnitInput!) { moveOrgUnit(input: $input) { id path } }';
const CREATE_TEAM = 'mutation ($input: CreateSalesTeamInput!) { createSalesTeam(input: $input) { id } }';
const LEAVE = 'mutation ($input: RecordLeaveInput!) { recordLeave(input: $input) { id } }';

const as = (user: DemoUser) => system.tokenFor(actorOf(user));

async function send<T = Record<string, unknown>>(user: DemoUser, query: string, variables: Record<string, unknown>, requestId?: string) {
  return graphql<T>(url, query, { token: await as(user), variables, headers: requestId ? { 'x-request-id': requestId } : {} });
}

async function trail(query: string, field: string, reader: DemoUser, id: string) {
  const response = await send<Record<string, Trail>>(reader, query, { id });
  return { response, entries: response.data?.[field]?.edges.map((e) => e.node) };
}

beforeAll(async () => {
  ({ system, url } = await startIdentity(clock));
}, 120_000);

afterAll(async () => system?.stop());

describe('a deactivation', () => {
  beforeAll(async () => {
    clock.set('2026-11-26T01:15:00Z');
    const deactivated = await send(admin, DEACTIVATE, { input: { userId: newcomer.id, successorId: rep1.id } }, 'req-deactivate-1');
    expect(deactivated.errors).toBeUndefined();
  });

  it('is audited with who, when (the clock), the touched fields before and after, and the request', async () => {
    const { entries } = await trail(USER_TRAIL, 'userAuditTrail', admin, newcomer.id);
    expect(entries).toEqual([
      {
        action: 'user.deactivated',
        at: '2026-11-26T01:15:00.000Z',
        actor: { id: admin.id },
        onBehalfOf: null,
        before: { active: true, employmentStatus: 'PROBATION' },
        after: { active: false, employmentStatus: 'LEFT', successorId: rep1.id },
        reason: null,
        requestId: 'req-deactivate-1',
      },
    ]);
  });

  it("is readable by a manager whose subtree holds the person, and NOT_FOUND for a rep outside the person's reach", async () => {
    expect((await trail(USER_TRAIL, 'userAuditTrail', shanghaiManager, newcomer.id)).entries).toHaveLength(1);
    const { response } = await trail(USER_TRAIL, 'userAuditTrail', outsider, newcomer.id);
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(response.data).toBeNull();
  });

  it('NOT_FOUND too for a manager of another region, exactly as for nobody at all', async () => {
    expect(errorCodes((await trail(USER_TRAIL, 'userAuditTrail', northManager, newcomer.id)).response)).toEqual(['NOT_FOUND']);
    expect(errorCodes((await trail(USER_TRAIL, 'userAuditTrail', admin, '0190a000-0000-7000-8000-000000000000')).response)).toEqual(['NOT_FOUND']);
  });

  it('leaves no entry when it is refused', async () => {
    // The newcomer has left, so they cannot succeed anyone.
    const refused = await send(admin, DEACTIVATE, { input: { userId: rep2.id, successorId: newcomer.id } });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect((await trail(USER_TRAIL, 'userAuditTrail', admin, rep2.id)).entries).toEqual([]);
  });
});

describe('the audit table', () => {
  const sql = (statement: string) => system.running.identity!.orm.em.fork().getConnection().execute(statement);

  it.each([
    ['UPDATE', "update audit_entry set action = 'user.forgotten'"],
    ['DELETE', 'delete from audit_entry'],
    ['TRUNCATE', 'truncate audit_entry'],
  ])('refuses %s, even in raw SQL', async (_operation, statement) => {
    const before = (await sql("select count(*)::int as n, count(*) filter (where action = 'user.deactivated')::int as d from audit_entry")) as { n: number; d: number }[];
    expect(before[0]!.d).toBeGreaterThan(0);
    await expect(sql(statement)).rejects.toThrow(/append-only/);
    expect(await sql("select count(*)::int as n, count(*) filter (where action = 'user.deactivated')::int as d from audit_entry")).toEqual(before);
  });
});

describe('org tree changes', () => {
  it("audits moving a person to another unit, and their position follows the clock's time", async () => {
    const from = unit('hq.east.shanghai.team1');
    const to = unit('hq.east.shanghai.team2');
    clock.set('2026-11-27T02:00:00Z');
    expect((await send(admin, UPDATE_USER, { input: { id: rep2.id, orgUnitId: to.id } }, 'req-move-rep2')).errors).toBeUndefined();

    const { entries } = await trail(USER_TRAIL, 'userAuditTrail', shanghaiManager, rep2.id);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'user.updated',
        at: '2026-11-27T02:00:00.000Z',
        actor: { id: admin.id },
        before: { orgUnitId: from.id },
        after: { orgUnitId: to.id },
        requestId: 'req-move-rep2',
      }),
    ]);
    const AT = 'query ($id: ID!, $before: DateTime!, $after: DateTime!) { user(id: $id) { before: orgUnitAt(at: $before) { id } after: orgUnitAt(at: $after) { id } } }';
    const positions = await send<{ user: { before: { id: string }; after: { id: string } } }>(admin, AT, {
      id: rep2.id,
      before: '2026-11-27T01:59:59Z',
      after: '2026-11-27T02:00:00Z',
    });
    expect(positions.data?.user).toEqual({ before: { id: from.id }, after: { id: to.id } });
  });

  it('audits moving an org unit, readable in its subtree and NOT_FOUND to a manager of another region', async () => {
    const team = unit('hq.east.shanghai.team2');
    clock.set('2026-11-28T02:00:00Z');
    const moved = await send<{ moveOrgUnit: { path: string } }>(admin, MOVE_UNIT, { input: { id: team.id, newParentId: unit('hq.east').id } });
    expect(moved.data?.moveOrgUnit.path).toBe('hq.east.team2');

    const expected = {
      action: 'org_unit.moved',
      at: '2026-11-28T02:00:00.000Z',
      actor: { id: admin.id },
      onBehalfOf: null,
      before: { parentId: unit('hq.east.shanghai').id, path: 'hq.east.shanghai.team2' },
      after: { parentId: unit('hq.east').id, path: 'hq.east.team2' },
      reason: null,
      requestId: expect.any(String),
    };
    expect((await trail(UNIT_TRAIL, 'orgUnitAuditTrail', admin, team.id)).entries).toEqual([expected]);
    expect((await trail(UNIT_TRAIL, 'orgUnitAuditTrail', eastManager, team.id)).entries).toEqual([expected]);
    expect(errorCodes((await trail(UNIT_TRAIL, 'orgUnitAuditTrail', northManager, team.id)).response)).toEqual(['NOT_FOUND']);
    expect(errorCodes((await trail(UNIT_TRAIL, 'orgUnitAuditTrail', rep1, team.id)).response)).toEqual(['NOT_FOUND']);
  });
});

describe('writes for others', () => {
  it('records the rep an assistant acted for', async () => {
    clock.set('2026-11-29T02:00:00Z');
    const recorded = await send<{ recordLeave: { id: string } }>(assistant, LEAVE, {
      input: { userId: rep1.id, from: '2026-12-01T00:00:00Z', to: '2026-12-03T00:00:00Z' },
    });
    expect(recorded.errors).toBeUndefined();
    const { entries } = await trail(USER_TRAIL, 'userAuditTrail', rep1, rep1.id);
    expect(entries?.[0]).toMatchObject({
      action: 'user.leave_recorded',
      at: '2026-11-29T02:00:00.000Z',
      actor: { id: assistant.id },
      onBehalfOf: { id: rep1.id },
      after: { leaveId: recorded.data!.recordLeave.id, from: '2026-12-01T00:00:00.000Z', to: '2026-12-03T00:00:00.000Z' },
    });
  });
});

describe('sales teams', () => {
  it("audits a team's creation with its members, for its members and the managers above its leader only", async () => {
    const leader = person('lead.east.nanjing.team1');
    const member = person('rep1.east.nanjing.team1');
    const created = await send<{ createSalesTeam: { id: string } }>(eastManager, CREATE_TEAM, {
      input: { name: '南京大客户组', leaderId: leader.id, memberIds: [member.id] },
    });
    expect(created.errors).toBeUndefined();
    const teamId = created.data!.createSalesTeam.id;

    const expected = [expect.objectContaining({ action: 'sales_team.created', actor: { id: eastManager.id }, after: { name: '南京大客户组', leaderId: leader.id, memberIds: [leader.id, member.id] } })];
    expect((await trail(TEAM_TRAIL, 'salesTeamAuditTrail', eastManager, teamId)).entries).toEqual(expected);
    expect((await trail(TEAM_TRAIL, 'salesTeamAuditTrail', member, teamId)).entries).toEqual(expected);
    expect(errorCodes((await trail(TEAM_TRAIL, 'salesTeamAuditTrail', rep1, teamId)).response)).toEqual(['NOT_FOUND']);
  });
});

describe('every write to people and the org tree', () => {
  const latestAction = async (query: string, field: string, id: string) => (await trail(query, field, admin, id)).entries?.[0]?.action;

  async function ok<T = Record<string, unknown>>(user: DemoUser, mutation: string, variables: Record<string, unknown>): Promise<T> {
    const response = await send<T>(user, mutation, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  }

  it("leaves an entry in the unit's trail: created, renamed, working hours, territories, closed", async () => {
    const { createOrgUnit } = await ok<{ createOrgUnit: { id: string } }>(admin, 'mutation ($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }', {
      input: { name: '浦东组', code: 'pudong', kind: 'TEAM', parentId: unit('hq.east.shanghai').id },
    });
    const id = createOrgUnit.id;
    const steps: [string, Record<string, unknown>, string][] = [
      ['mutation ($input: RenameOrgUnitInput!) { renameOrgUnit(input: $input) { id } }', { input: { id, name: '浦东新区组' } }, 'org_unit.renamed'],
      [
        'mutation ($input: WorkingHoursInput!) { setWorkingHours(input: $input) { orgUnitId } }',
        { input: { orgUnitId: id, weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' } },
        'org_unit.working_hours_set',
      ],
      ['mutation ($input: BindTerritoryInput!) { bindTerritory(input: $input) { division { code } } }', { input: { orgUnitId: id, divisionCode: '310115' } }, 'org_unit.territory_bound'],
      ['mutation { unbindTerritory(divisionCode: "310115") }', {}, 'org_unit.territory_unbound'],
    ];
    expect(await latestAction(UNIT_TRAIL, 'orgUnitAuditTrail', id)).toBe('org_unit.created');
    for (const [mutation, variables, action] of steps) {
      await ok(admin, mutation, variables);
      expect(await latestAction(UNIT_TRAIL, 'orgUnitAuditTrail', id)).toBe(action);
    }

    await ok(admin, 'mutation ($input: WorkingHoursInput!) { setWorkingHours(input: $input) { orgUnitId } }', {
      input: { orgUnitId: id, weekdays: [1, 2, 3, 4, 5, 6], start: '09:00', end: '17:30' },
    });
    expect((await trail(UNIT_TRAIL, 'orgUnitAuditTrail', admin, id)).entries?.[0]).toMatchObject({
      action: 'org_unit.working_hours_set',
      before: { weekdays: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080 },
      after: { weekdays: [1, 2, 3, 4, 5, 6], startMinute: 540, endMinute: 1050 },
    });

    const square = [
      [121.5, 31.2],
      [121.51, 31.2],
      [121.51, 31.21],
      [121.5, 31.21],
    ].map(([longitude, latitude]) => ({ longitude, latitude }));
    const { bindTerritoryArea } = await ok<{ bindTerritoryArea: { id: string } }>(
      admin,
      'mutation ($input: BindTerritoryAreaInput!) { bindTerritoryArea(input: $input) { id } }',
      { input: { orgUnitId: id, name: '陆家嘴', boundary: square } },
    );
    expect(await latestAction(UNIT_TRAIL, 'orgUnitAuditTrail', id)).toBe('org_unit.territory_area_drawn');
    await ok(admin, 'mutation ($id: ID!) { unbindTerritoryArea(id: $id) }', { id: bindTerritoryArea.id });
    expect(await latestAction(UNIT_TRAIL, 'orgUnitAuditTrail', id)).toBe('org_unit.territory_area_removed');

    clock.set('2026-11-30T02:00:00Z');
    const { closeOrgUnit } = await ok<{ closeOrgUnit: { closedAt: string } }>(admin, 'mutation ($id: ID!) { closeOrgUnit(id: $id) { closedAt } }', { id });
    expect(closeOrgUnit.closedAt).toBe('2026-11-30T02:00:00.000Z');
    const { entries } = await trail(UNIT_TRAIL, 'orgUnitAuditTrail', admin, id);
    expect(entries?.[0]).toMatchObject({ action: 'org_unit.closed', before: { closedAt: null }, after: { closedAt: '2026-11-30T02:00:00.000Z' } });
    expect(entries).toHaveLength(9);
  });

  it("leaves an entry in the person's trail: created, employment status, device, consent, reps assisted", async () => {
    const { createUser } = await ok<{ createUser: { id: string } }>(
      admin,
      'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { email: 'new.rep@demo.crm', displayName: '新同事', password: 'a-long-password', orgUnitId: unit('hq.east.shanghai.team1').id, roles: ['REP'] } },
    );
    const newRep: DemoUser = { ...rep1, id: createUser.id, email: 'new.rep@demo.crm', roles: ['REP'], supports: [] };
    expect((await trail(USER_TRAIL, 'userAuditTrail', admin, newRep.id)).entries?.[0]).toMatchObject({
      action: 'user.created',
      after: { email: 'new.rep@demo.crm', displayName: '新同事', orgUnitId: unit('hq.east.shanghai.team1').id, roles: ['REP'], employmentStatus: 'REGULAR' },
    });

    await ok(shanghaiManager, 'mutation ($input: SetEmploymentStatusInput!) { setEmploymentStatus(input: $input) { id } }', { input: { userId: newRep.id, status: 'PROBATION' } });
    expect((await trail(USER_TRAIL, 'userAuditTrail', admin, newRep.id)).entries?.[0]).toMatchObject({
      action: 'user.employment_status_changed',
      before: { employmentStatus: 'REGULAR' },
      after: { employmentStatus: 'PROBATION' },
    });
    await ok(shanghaiManager, 'mutation ($input: RegisterCompanyDeviceInput!) { registerCompanyDevice(input: $input) { id } }', { input: { userId: newRep.id, deviceId: 'IMEI-0001' } });
    expect(await latestAction(USER_TRAIL, 'userAuditTrail', newRep.id)).toBe('user.company_device_registered');
    await ok(newRep, 'mutation { setLocationConsent(given: true) { given } }', {});
    expect(await latestAction(USER_TRAIL, 'userAuditTrail', newRep.id)).toBe('user.location_consent_given');
    await ok(newRep, 'mutation { setLocationConsent(given: false) { given } }', {});
    expect(await latestAction(USER_TRAIL, 'userAuditTrail', newRep.id)).toBe('user.location_consent_withdrawn');

    await ok(shanghaiManager, 'mutation ($input: SupportedRepsInput!) { setSupportedReps(input: $input) { id } }', { input: { assistantId: assistant.id, repIds: [newRep.id] } });
    expect((await trail(USER_TRAIL, 'userAuditTrail', admin, assistant.id)).entries?.[0]).toMatchObject({
      action: 'user.supported_reps_changed',
      actor: { id: shanghaiManager.id },
      before: { supports: assistant.supports },
      after: { supports: [newRep.id] },
    });
  });

  it("leaves an entry in the team's trail when its leader assigns a product line", async () => {
    const leader = person('lead.north.beijing.team1');
    const member = person('rep1.north.tianjin.team1');
    const teamId = demoTeamId();
    await ok(leader, 'mutation ($input: AssignProductLineInput!) { assignProductLine(input: $input) { id } }', { input: { teamId, productLine: '工业设备', userId: member.id } });
    expect((await trail(TEAM_TRAIL, 'salesTeamAuditTrail', leader, teamId)).entries?.[0]).toMatchObject({
      action: 'sales_team.product_line_assigned',
      actor: { id: leader.id },
      before: { productLine: '工业设备', userId: person('rep1.north.beijing.team1').id },
      after: { productLine: '工业设备', userId: member.id },
    });
  });
});
