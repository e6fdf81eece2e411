import { demoData } from '@crm/demo-data';
import { errorCodes, graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { signIn, startDemoStack } from './support/demo-stack';

/**
 * ORG-4 and ORG-5 across subgraphs: a customer shared with a sales team is visible to its members
 * in customers and service; complaints route to whoever handles the customer's work; each subgraph
 * decides from its directory replica, so a move or a new team applies without a new token.
 */
const demo = demoData();
const person = (handle: string) => demo.users.find((u) => u.email === `${handle}@demo.crm`)!;
const leader = person('lead.east.shanghai.team1');
const rep1 = person('rep1.east.shanghai.team1');
const rep2 = person('rep2.east.shanghai.team1');
const cityManager = person('manager.east.shanghai');
const customer = demo.customers.find((c) => c.ownerId === rep1.id)!;

const handles = [
  'manager.east.shanghai',
  'manager.east.hangzhou',
  'lead.east.shanghai.team1',
  'lead.east.shanghai.team2',
  'rep1.east.shanghai.team1',
  'rep2.east.shanghai.team1',
  'rep1.east.shanghai.team2',
];

let stack: LocalStack;
let url: string;
const tokens: Record<string, string> = {};
let teamId: string;

const CREATE_TEAM = 'mutation ($input: CreateSalesTeamInput!) { createSalesTeam(input: $input) { id } }';
const SHARE = 'mutation ($c: ID!, $t: ID) { setCustomerSalesTeam(input: { customerId: $c, salesTeamId: $t }) { id salesTeam { id name } } }';
const SEE = 'query ($c: ID!) { customer(id: $c) { id complaints { edges { node { id } } } } }';
const FILE = `mutation ($c: ID!) { fileComplaint(input: { customerId: $c, subject: "交付延期", description: "设备未按期交付", severity: HIGH }) {
  handler { id } } }`;
const LEAVE = 'mutation ($input: RecordLeaveInput!) { recordLeave(input: $input) { id } }';

const sees = async (handle: string) => (await graphql<{ customer: { id: string } | null }>(url, SEE, { token: tokens[handle], variables: { c: customer.id } })).data?.customer !== null;
const share = (handle: string, salesTeamId: string | null) => graphql<{ setCustomerSalesTeam: { salesTeam: { id: string; name: string } | null } }>(url, SHARE, { token: tokens[handle], variables: { c: customer.id, t: salesTeamId } });

beforeAll(async () => {
  ({ stack } = await startDemoStack());
  url = stack.gateway.url;
  for (const handle of handles) tokens[handle] = (await signIn(stack, handle)).accessToken;
  // rep1 of team 2 joins the new team: a member from a sibling unit, whom only the team makes see.
  const created = await graphql<{ createSalesTeam: { id: string } }>(url, CREATE_TEAM, {
    token: tokens['manager.east.shanghai'],
    variables: { input: { name: '上海重点客户组', leaderId: leader.id, memberIds: [rep2.id, person('rep1.east.shanghai.team2').id] } },
  });
  expect(created.errors).toBeUndefined();
  teamId = created.data!.createSalesTeam.id;
  await stack.settled();
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('a customer shared with a sales team', () => {
  it('is hidden from team members until it is shared, then visible to each of them, and hidden again when unshared', async () => {
    await graphql(url, FILE, { token: tokens['rep1.east.shanghai.team1'], variables: { c: customer.id } });
    expect(await sees('rep2.east.shanghai.team1')).toBe(false);
    expect(await sees('rep1.east.shanghai.team2')).toBe(false);

    const shared = await share('lead.east.shanghai.team1', teamId);
    expect(shared.errors).toBeUndefined();
    expect(shared.data!.setCustomerSalesTeam.salesTeam).toEqual({ id: teamId, name: '上海重点客户组' });
    await stack.settled();
    for (const member of ['rep2.east.shanghai.team1', 'rep1.east.shanghai.team2']) {
      const seen = await graphql<{ customer: { complaints: { edges: unknown[] } } | null }>(url, SEE, { token: tokens[member], variables: { c: customer.id } });
      expect(seen.errors).toBeUndefined();
      // The complaint comes from service, which learnt of the sharing from customers' event.
      expect(seen.data!.customer!.complaints.edges.length).toBeGreaterThan(0);
    }
    expect(await sees('lead.east.shanghai.team2')).toBe(false);

    expect((await share('manager.east.shanghai', null)).errors).toBeUndefined();
    await stack.settled();
    expect(await sees('rep2.east.shanghai.team1')).toBe(false);
    expect(await sees('rep1.east.shanghai.team2')).toBe(false);
  });

  it.each([
    ['by a rep', 'rep1.east.shanghai.team1', () => teamId, 'FORBIDDEN'],
    ['by a team lead who cannot see the customer', 'lead.east.shanghai.team2', () => teamId, 'NOT_FOUND'],
    ['with a team that does not exist', 'lead.east.shanghai.team1', () => '0190f5a3-0000-7000-8000-000000000000', 'BAD_USER_INPUT'],
  ])('is refused %s, and nothing changes', async (_case, handle, salesTeamId, code) => {
    expect(errorCodes(await share(handle, salesTeamId()))).toEqual([code]);
    await stack.settled();
    expect(await sees('rep2.east.shanghai.team1')).toBe(false);
  });

  it("is refused to a city manager sharing with a team led outside their city", async () => {
    const hangzhouCustomer = demo.customers.find((c) => c.ownerId === person('rep1.east.hangzhou.team1').id)!;
    const response = await graphql(url, SHARE, { token: tokens['manager.east.hangzhou'], variables: { c: hangzhouCustomer.id, t: teamId } });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0]!.extensions).toMatchObject({ reason: 'SALES_TEAM_OUT_OF_REACH', field: 'salesTeamId' });
  });
});

describe('complaints route to whoever handles the customer now', () => {
  const now = Date.now();
  const handlerOfNewComplaint = async () =>
    (await graphql<{ fileComplaint: { handler: { id: string } | null } }>(url, FILE, { token: tokens['manager.east.shanghai'], variables: { c: customer.id } })).data!
      .fileComplaint.handler?.id;
  const away = async (handle: string, userId: string) => {
    const input = { userId, from: new Date(now - 60_000).toISOString(), to: new Date(now + 86_400_000).toISOString() };
    expect((await graphql(url, LEAVE, { token: tokens[handle], variables: { input } })).errors).toBeUndefined();
    await stack.settled();
  };

  it('goes to the owner, then the leader of the team sharing the customer, then the city manager', async () => {
    expect((await share('lead.east.shanghai.team1', teamId)).errors).toBeUndefined();
    await stack.settled();
    expect(await handlerOfNewComplaint()).toBe(rep1.id);
    await away('rep1.east.shanghai.team1', rep1.id);
    expect(await handlerOfNewComplaint()).toBe(leader.id);
    await away('lead.east.shanghai.team1', leader.id);
    expect(await handlerOfNewComplaint()).toBe(cityManager.id);
  });
});

describe("each subgraph's own view of the signed-in person", () => {
  it('follows a move to another city without a new token', async () => {
    const hangzhouCustomer = demo.customers.find((c) => c.ownerId === person('rep1.east.hangzhou.team1').id)!;
    const shanghaiCustomer = demo.customers.find((c) => c.ownerId === rep2.id)!;
    const token = tokens['manager.east.shanghai'];
    const seen = async () =>
      (await graphql<{ a: { id: string } | null; b: { id: string } | null }>(url, 'query ($a: ID!, $b: ID!) { a: customer(id: $a) { id } b: customer(id: $b) { id } }', {
        token,
        variables: { a: shanghaiCustomer.id, b: hangzhouCustomer.id },
      })).data;
    expect(await seen()).toEqual({ a: { id: shanghaiCustomer.id }, b: null });

    const hangzhou = demo.orgUnits.find((u) => u.path === 'hq.east.hangzhou')!;
    const moved = await graphql(url, 'mutation ($id: ID!, $unit: ID!) { updateUser(input: { id: $id, orgUnitId: $unit }) { id } }', {
      token: (await signIn(stack, 'admin')).accessToken,
      variables: { id: cityManager.id, unit: hangzhou.id },
    });
    expect(moved.errors).toBeUndefined();
    await stack.settled();
    expect(await seen()).toEqual({ a: null, b: { id: hangzhouCustomer.id } });
  });

  it("shows analytics' figures only for people in the viewer's reach", async () => {
    const COUNT = 'query ($c: ID!) { customer(id: $c) { owner { customerCount } } }';
    const owned = demo.customers.filter((c) => c.ownerId === rep2.id);
    const counted = await graphql<{ customer: { owner: { customerCount: number | null } } }>(url, COUNT, {
      token: tokens['rep2.east.shanghai.team1'],
      variables: { c: owned[0]!.id },
    });
    expect(counted.data!.customer.owner.customerCount).toBe(owned.length);
    // A team member sees the shared customer, but not figures about its owner, a colleague.
    const ofColleague = await graphql<{ customer: { owner: { customerCount: number | null } } }>(url, COUNT, {
      token: tokens['rep2.east.shanghai.team1'],
      variables: { c: customer.id },
    });
    expect(ofColleague.errors).toBeUndefined();
    expect(ofColleague.data!.customer.owner.customerCount).toBeNull();
  });
});
