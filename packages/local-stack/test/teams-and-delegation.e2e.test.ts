import { demoData } from '@crm/demo-data';
import { errorCodes, graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { signIn, startDemoStack } from './support/demo-stack';

/** ORG-4 sales teams with a product-line map, and ORG-5 routing to whoever is available. */
const demo = demoData();
const person = (handle: string) => demo.users.find((u) => u.email === `${handle}@demo.crm`)!;
const leader = person('lead.east.shanghai.team1');
const rep1 = person('rep1.east.shanghai.team1');
const rep2 = person('rep2.east.shanghai.team1');
const cityManager = person('manager.east.shanghai');

let stack: LocalStack;
let url: string;
const tokens: Record<string, string> = {};
let teamId: string;

const CREATE_TEAM = 'mutation ($input: CreateSalesTeamInput!) { createSalesTeam(input: $input) { id leader { id } members { edges { node { id } } } } }';
const ASSIGN = 'mutation ($input: AssignProductLineInput!) { assignProductLine(input: $input) { productLines { productLine rep { id } } } }';
const REP_FOR = 'query ($team: ID!, $line: String!) { repForProductLine(teamId: $team, productLine: $line) { id } }';
const WHO = 'query ($p: ID!, $s: ID, $at: DateTime) { whoHandles(primaryId: $p, secondaryId: $s, at: $at) { user { id } route } }';
const LEAVE = 'mutation ($input: RecordLeaveInput!) { recordLeave(input: $input) { id } }';

beforeAll(async () => {
  ({ stack } = await startDemoStack());
  url = stack.gateway.url;
  for (const handle of ['manager.east.shanghai', 'manager.north', 'lead.east.shanghai.team1', 'rep1.east.shanghai.team1', 'rep2.east.shanghai.team1']) {
    tokens[handle] = (await signIn(stack, handle)).accessToken;
  }
  const created = await graphql<{ createSalesTeam: { id: string; members: { edges: { node: { id: string } }[] } } }>(url, CREATE_TEAM, {
    token: tokens['manager.east.shanghai'],
    variables: { input: { name: '上海大客户组', leaderId: leader.id, memberIds: [rep1.id, rep2.id] } },
  });
  expect(created.errors).toBeUndefined();
  teamId = created.data!.createSalesTeam.id;
  expect(created.data!.createSalesTeam.members.edges.map((e) => e.node.id).sort()).toEqual([leader.id, rep1.id, rep2.id].sort());
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('sales teams', () => {
  it('picks the rep for a product line from the leader\'s map, and the leader where none is set', async () => {
    const assigned = await graphql(url, ASSIGN, { token: tokens['lead.east.shanghai.team1'], variables: { input: { teamId, productLine: '数控机床', userId: rep2.id } } });
    expect(assigned.errors).toBeUndefined();
    const repFor = async (line: string) => (await graphql<{ repForProductLine: { id: string } }>(url, REP_FOR, { token: tokens['rep1.east.shanghai.team1'], variables: { team: teamId, line } })).data?.repForProductLine.id;
    expect(await repFor('数控机床')).toBe(rep2.id);
    expect(await repFor('智能电表')).toBe(leader.id);

    await graphql(url, ASSIGN, { token: tokens['lead.east.shanghai.team1'], variables: { input: { teamId, productLine: '数控机床', userId: rep1.id } } });
    expect(await repFor('数控机床')).toBe(rep1.id);
  });

  it.each([
    ['a rep who is not the leader', 'rep1.east.shanghai.team1', () => rep2.id, 'FORBIDDEN'],
    ['someone outside the team', 'lead.east.shanghai.team1', () => person('rep1.east.shanghai.team2').id, 'BAD_USER_INPUT'],
  ])('refuses an assignment by or to %s', async (_case, actor, userId, code) => {
    const response = await graphql(url, ASSIGN, { token: tokens[actor], variables: { input: { teamId, productLine: '工业路由器', userId: userId() } } });
    expect(errorCodes(response)).toEqual([code]);
  });

  it('refuses a manager building a team from people outside their reach', async () => {
    const response = await graphql(url, CREATE_TEAM, { token: tokens['manager.north'], variables: { input: { name: '越权组', leaderId: leader.id, memberIds: [] } } });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });
});

describe('who handles the work now', () => {
  const now = Date.now();
  const inAnHour = new Date(now + 3_600_000).toISOString();
  const nextWeek = new Date(now + 7 * 86_400_000).toISOString();
  const handler = async (at: string) =>
    (await graphql<{ whoHandles: { user: { id: string }; route: string } | null }>(url, WHO, { token: tokens['manager.east.shanghai'], variables: { p: rep1.id, s: rep2.id, at } })).data?.whoHandles;
  const away = async (token: string | undefined, userId: string) => {
    const response = await graphql(url, LEAVE, { token, variables: { input: { userId, from: new Date(now).toISOString(), to: new Date(now + 2 * 86_400_000).toISOString() } } });
    expect(response.errors).toBeUndefined();
  };

  it('falls back step by step as people go on leave, and returns to the primary after', async () => {
    expect(await handler(inAnHour)).toEqual({ user: { id: rep1.id }, route: 'PRIMARY' });
    await away(tokens['rep1.east.shanghai.team1'], rep1.id);
    expect(await handler(inAnHour)).toEqual({ user: { id: rep2.id }, route: 'SECONDARY' });
    await away(tokens['manager.east.shanghai'], rep2.id);
    expect(await handler(inAnHour)).toEqual({ user: { id: leader.id }, route: 'TEAM_LEADER' });
    await away(tokens['lead.east.shanghai.team1'], leader.id);
    expect(await handler(inAnHour)).toEqual({ user: { id: cityManager.id }, route: 'MANAGER' });
    expect(await handler(nextWeek)).toEqual({ user: { id: rep1.id }, route: 'PRIMARY' });
  });

  it.each([
    ['a leave that ends before it starts', () => ({ userId: rep1.id, from: inAnHour, to: new Date(now).toISOString() }), 'rep1.east.shanghai.team1', 'BAD_USER_INPUT'],
    ["a colleague's leave, recorded by a rep", () => ({ userId: rep2.id, from: inAnHour, to: nextWeek }), 'rep1.east.shanghai.team1', 'FORBIDDEN'],
  ])('refuses %s', async (_case, input, actor, code) => {
    expect(errorCodes(await graphql(url, LEAVE, { token: tokens[actor], variables: { input: input() } }))).toEqual([code]);
  });
});

describe("the demo data's key-account team", () => {
  const [team] = demo.salesTeams;
  const tianjinRep = person('rep1.north.tianjin.team1');
  const shared = demo.customers.filter((c) => c.salesTeamId === team!.id);
  const notShared = demo.customers.find((c) => c.ownerId === person('rep2.north.beijing.team2').id && !c.salesTeamId)!;

  it("lets a Tianjin member see and work the Beijing accounts shared with the team, and nothing else of Beijing's", async () => {
    expect(shared.length).toBeGreaterThan(0);
    const token = (await signIn(stack, 'rep1.north.tianjin.team1')).accessToken;
    for (const customer of shared) {
      const response = await graphql<{ customer: { id: string; salesTeam: { id: string } } | null }>(url, 'query ($id: ID!) { customer(id: $id) { id salesTeam { id } } }', {
        token,
        variables: { id: customer.id },
      });
      expect(response.data?.customer).toEqual({ id: customer.id, salesTeam: { id: team!.id } });
    }
    const other = await graphql<{ customer: unknown }>(url, 'query ($id: ID!) { customer(id: $id) { id } }', { token, variables: { id: notShared.id } });
    expect(other.data?.customer).toBeNull();
    const filed = await graphql(url, 'mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }', {
      token,
      variables: { input: { customerId: shared[0]!.id, subject: '安装延期', description: '现场安装推迟一周', severity: 'MEDIUM' } },
    });
    expect(filed.errors).toBeUndefined();
  });

  it('routes each product line to the member the map names', async () => {
    const token = (await signIn(stack, 'lead.north.beijing.team1')).accessToken;
    const rep = await graphql<{ repForProductLine: { id: string } }>(url, REP_FOR, { token, variables: { team: team!.id, line: '耗材' } });
    expect(rep.data?.repForProductLine.id).toBe(tianjinRep.id);
  });
});
