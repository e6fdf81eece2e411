import { DEMO_PASSWORD, demoData } from '@crm/demo-data';
import { errorCodes, eventually, graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { countRows, signIn, startDemoStack } from './support/demo-stack';

/** ORG-7: a person leaves; nothing they owned is orphaned and their tokens stop working. */
const demo = demoData();
const person = (handle: string) => demo.users.find((u) => u.email === `${handle}@demo.crm`)!;
const leaver = person('rep1.east.shanghai.team1');
const successor = person('rep2.east.shanghai.team1');
const DEACTIVATE = 'mutation ($user: ID!, $successor: ID!) { deactivateUser(input: { userId: $user, successorId: $successor }) { active } }';
const LOGIN = `mutation ($email: String!) { login(email: $email, password: "${DEMO_PASSWORD}") { accessToken refreshToken } }`;

let stack: LocalStack;
let url: string;
const tokens: Record<string, string> = {};
let leaverRefreshToken: string;

const login = (handle: string) => graphql<{ login: { accessToken: string; refreshToken: string } }>(url, LOGIN, { variables: { email: `${handle}@demo.crm` } });

interface OwnedCounts {
  leaverCustomers: number;
  successorCustomers: number;
  leaverOpenLeads: number;
  successorOpenLeads: number;
  leaverSettledLeads: number;
  leaverOpenComplaints: number;
  successorOpenComplaints: number;
}

async function ownedCounts(): Promise<OwnedCounts> {
  const count = (subgraph: string, where: string, person: string) => countRows(stack, subgraph, where, [person]);
  const openLeads = `lead where status in ('NEW', 'VERIFIED') and owner_id = ?`;
  const openComplaints = `complaint where status = 'OPEN' and handler_id = ?`;
  return {
    leaverCustomers: await count('customers', 'customer where owner_id = ?', leaver.id),
    successorCustomers: await count('customers', 'customer where owner_id = ?', successor.id),
    leaverOpenLeads: await count('funnel', openLeads, leaver.id),
    successorOpenLeads: await count('funnel', openLeads, successor.id),
    leaverSettledLeads: await count('funnel', `lead where status in ('CONVERTED', 'DISCARDED') and owner_id = ?`, leaver.id),
    leaverOpenComplaints: await count('service', openComplaints, leaver.id),
    successorOpenComplaints: await count('service', openComplaints, successor.id),
  };
}

beforeAll(async () => {
  ({ stack } = await startDemoStack());
  url = stack.gateway.url;
  for (const handle of ['manager.east.shanghai', 'manager.north', 'rep1.east.shanghai.team1', 'rep2.east.shanghai.team1']) {
    tokens[handle] = (await signIn(stack, handle)).accessToken;
  }
  leaverRefreshToken = (await signIn(stack, 'rep1.east.shanghai.team1')).refreshToken;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('refusals change nothing', () => {
  it.each([
    ['a rep', 'rep2.east.shanghai.team1', successor.id, 'FORBIDDEN'],
    ['a manager of another region', 'manager.north', successor.id, 'FORBIDDEN'],
    ['naming the leaver as their own successor', 'manager.east.shanghai', leaver.id, 'BAD_USER_INPUT'],
    ['naming an unknown successor', 'manager.east.shanghai', '0199a000-0000-7000-8000-000000000000', 'NOT_FOUND'],
  ])('%s', async (_case, actor, successorId, code) => {
    const response = await graphql(url, DEACTIVATE, { token: tokens[actor], variables: { user: leaver.id, successor: successorId } });
    expect(errorCodes(response)).toEqual([code]);
    expect((await login('rep1.east.shanghai.team1')).data?.login.accessToken).toEqual(expect.any(String));
  });
});

describe('deactivating with a successor', () => {
  let before: OwnedCounts;

  beforeAll(async () => {
    before = await ownedCounts();
    const response = await graphql(url, DEACTIVATE, { token: tokens['manager.east.shanghai'], variables: { user: leaver.id, successor: successor.id } });
    expect(response.errors).toBeUndefined();
  });

  it('hands every customer, open lead and open complaint to the successor; settled leads stay as results', async () => {
    expect(before.leaverCustomers).toBeGreaterThan(0);
    expect(before.leaverOpenLeads).toBeGreaterThan(0);
    expect(before.leaverSettledLeads).toBeGreaterThan(0);
    expect(before.leaverOpenComplaints).toBeGreaterThan(0);
    await eventually(async () =>
      expect(await ownedCounts()).toEqual({
        leaverCustomers: 0,
        successorCustomers: before.successorCustomers + before.leaverCustomers,
        leaverOpenLeads: 0,
        successorOpenLeads: before.successorOpenLeads + before.leaverOpenLeads,
        leaverSettledLeads: before.leaverSettledLeads,
        leaverOpenComplaints: 0,
        successorOpenComplaints: before.successorOpenComplaints + before.leaverOpenComplaints,
      }),
    );
  });

  it('lets analytics follow the hand-over', async () => {
    const anyCustomer = demo.customers.find((c) => c.ownerId === successor.id)!;
    await eventually(async () => {
      const count = await graphql<{ customer: { owner: { customerCount: number } } }>(
        url,
        'query ($id: ID!) { customer(id: $id) { owner { customerCount } } }',
        { token: tokens['manager.east.shanghai'], variables: { id: anyCustomer.id } },
      );
      expect(count.data?.customer.owner.customerCount).toBe(before.successorCustomers + before.leaverCustomers);
    });
  });

  it('refuses the leaver\'s sign-in and the tokens they still hold', async () => {
    expect(errorCodes(await login('rep1.east.shanghai.team1'))).toEqual(['UNAUTHENTICATED']);
    const refreshed = await graphql(url, 'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }', {
      variables: { t: leaverRefreshToken },
    });
    expect(errorCodes(refreshed)).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await graphql(url, '{ me { id } }', { token: tokens['rep1.east.shanghai.team1'] }))).toEqual(['UNAUTHENTICATED']);
    await eventually(async () =>
      expect(errorCodes(await graphql(url, '{ customers { edges { node { id } } } }', { token: tokens['rep1.east.shanghai.team1'] }))).toEqual([
        'UNAUTHENTICATED',
      ]),
    );
    // Each subgraph refuses the token on its own, from its own knowledge of who is active.
    for (const subgraph of Object.values(stack.subgraphs)) {
      await eventually(async () =>
        expect([subgraph.name, errorCodes(await graphql(subgraph.url, '{ __typename }', { token: tokens['rep1.east.shanghai.team1'] }))]).toEqual([
          subgraph.name,
          ['UNAUTHENTICATED'],
        ]),
      );
    }
  });

  it('shows the leaver as LEFT', async () => {
    const response = await graphql<{ user: { employmentStatus: string; active: boolean } }>(url, 'query ($id: ID!) { user(id: $id) { employmentStatus active } }', {
      token: tokens['manager.east.shanghai'],
      variables: { id: leaver.id },
    });
    expect(response.data?.user).toEqual({ employmentStatus: 'LEFT', active: false });
  });

  it('refuses the leaver as a successor from now on', async () => {
    const other = person('rep3.east.shanghai.team1');
    const response = await graphql(url, DEACTIVATE, { token: tokens['manager.east.shanghai'], variables: { user: other.id, successor: leaver.id } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.extensions?.reason).toBe('SUCCESSOR_INACTIVE');
  });
});

describe('employment status', () => {
  const SET = 'mutation ($user: ID!, $status: EmploymentStatus!) { setEmploymentStatus(input: { userId: $user, status: $status }) { employmentStatus } }';
  const newcomer = person('rep3.east.shanghai.team2');
  const statusOf = async (id: string) =>
    (await graphql<{ user: { employmentStatus: string } }>(url, 'query ($id: ID!) { user(id: $id) { employmentStatus } }', { token: tokens['manager.east.shanghai'], variables: { id } }))
      .data?.user.employmentStatus;

  it('starts the demo newcomers on probation, and their manager confirms them', async () => {
    expect(await statusOf(newcomer.id)).toBe('PROBATION');
    const response = await graphql(url, SET, { token: tokens['manager.east.shanghai'], variables: { user: newcomer.id, status: 'REGULAR' } });
    expect(response.data).toEqual({ setEmploymentStatus: { employmentStatus: 'REGULAR' } });
  });

  it.each([
    ['a rep', 'rep2.east.shanghai.team1', newcomer.id, 'PROBATION', 'FORBIDDEN', 'MISSING_ROLE'],
    ['a manager of another region', 'manager.north', newcomer.id, 'PROBATION', 'FORBIDDEN', 'PERSON_OUT_OF_REACH'],
    ['marking someone as left without a successor', 'manager.east.shanghai', newcomer.id, 'LEFT', 'BAD_USER_INPUT', 'USE_DEACTIVATION'],
    ['bringing back someone who left', 'manager.east.shanghai', leaver.id, 'REGULAR', 'BAD_USER_INPUT', 'PERSON_LEFT'],
  ])('refuses %s, changing nothing', async (_case, actor, user, status, code, reason) => {
    const before = await statusOf(user);
    const response = await graphql(url, SET, { token: tokens[actor], variables: { user, status } });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code, reason });
    expect(await statusOf(user)).toBe(before);
  });
});
