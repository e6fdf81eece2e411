import { DEMO_PASSWORD, demoData } from '@crm/demo-data';
import { AuthKeys } from '@crm/platform';
import { errorCodes, eventually, graphql } from '@crm/testing';
import { allSubgraphs, type LocalStack } from '../src';
import { countRows, startDemoStack } from './support/demo-stack';

const demo = demoData();
const rep = demo.users.find((u) => u.email === 'rep1.east.shanghai.team1@demo.crm')!;
const otherRep = demo.users.find((u) => u.email === 'rep2.east.shanghai.team1@demo.crm')!;

const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken user { id displayName } }
}`;
const CUSTOMER_COUNT = `query ($id: ID!) { customer(id: $id) { owner { id customerCount } } }`;

let stack: LocalStack;
let url: string;
let repToken: string;
let adminToken: string;

async function login(email: string): Promise<string> {
  const response = await graphql<{ login: { accessToken: string } }>(url, LOGIN, { variables: { email, password: DEMO_PASSWORD } });
  if (!response.data) throw new Error(`login failed: ${JSON.stringify(response.errors)}`);
  return response.data.login.accessToken;
}

/** The analytics figure, read through a customer the owner owns (as the admin, who sees everyone's). */
async function customerCountOf(ownerId: string): Promise<number> {
  const anyCustomer = demo.customers.find((c) => c.ownerId === ownerId)!;
  const owned = await graphql<{ customer: { owner: { customerCount: number } } }>(url, CUSTOMER_COUNT, {
    token: adminToken,
    variables: { id: anyCustomer.id },
  });
  return owned.data!.customer.owner.customerCount;
}

beforeAll(async () => {
  ({ stack } = await startDemoStack());
  url = stack.gateway.url;
  repToken = await login(rep.email);
  adminToken = await login('admin@demo.crm');
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the moment it is up', () => {
  const rowsOf = async (subgraph: string, sql: string) => (await stack.subgraphs[subgraph]!.orm.em.fork().getConnection().execute(sql)) as { k: string; n: number }[];

  it('has every replica and projection agree with its source, none short and none doubled', async () => {
    const people = await countRows(stack, 'identity', 'app_user');
    for (const subgraph of ['customers', 'funnel', 'service', 'analytics']) {
      expect(await countRows(stack, subgraph, 'directory_user')).toBe(people);
    }
    const owned = await rowsOf('customers', 'select owner_id as k, count(*)::int as n from customer group by owner_id order by 1');
    expect(await rowsOf('analytics', 'select owner_id as k, customer_count as n from owner_customer_count where customer_count > 0 order by 1')).toEqual(owned);
    expect(await rowsOf('service', 'select owner_id as k, count(*)::int as n from customer_owner group by owner_id order by 1')).toEqual(owned);
    expect(await rowsOf('identity', `select holder_id as k, count(*)::int as n from open_work_item where kind = 'CUSTOMER' group by holder_id order by 1`)).toEqual(owned);
    expect(owned.reduce((sum, row) => sum + row.n, 0)).toBe(demo.customers.length);
  });

  it('reports an empty backlog and no consumer lag on /metrics', async () => {
    const metrics = await (await fetch(stack.subgraphs.analytics!.url.replace('/graphql', '/metrics'))).text();
    for (const subgraph of allSubgraphs.map((d) => d.name)) expect(metrics).toContain(`crm_outbox_pending{subgraph="${subgraph}"} 0`);
    expect(metrics).toMatch(/^crm_events_unapplied 0$/m);
  });
});

describe('signing in', () => {
  it('gives a demo rep a token that identifies them', async () => {
    const response = await graphql<{ me: { id: string; email: string; orgUnit: { path: string } } }>(
      url,
      '{ me { id email orgUnit { path } } }',
      { token: repToken },
    );
    expect(response.data?.me).toEqual({ id: rep.id, email: rep.email, orgUnit: { path: 'hq.east.shanghai.team1' } });
  });

  it('renews a session with a single-use refresh token, and ends every session when one is reused', async () => {
    type Session = { accessToken: string; refreshToken: string };
    const REFRESH = 'mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }';
    const first = await graphql<{ login: Session }>(url, 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken } }', {
      variables: { email: otherRep.email, password: DEMO_PASSWORD },
    });
    const renewed = await graphql<{ refreshSession: Session }>(url, REFRESH, { variables: { token: first.data!.login.refreshToken } });
    const me = await graphql<{ me: { id: string } }>(url, '{ me { id } }', { token: renewed.data!.refreshSession.accessToken });
    expect(me.data?.me.id).toBe(otherRep.id);

    const reused = await graphql(url, REFRESH, { variables: { token: first.data!.login.refreshToken } });
    expect(errorCodes(reused)).toEqual(['UNAUTHENTICATED']);
    const afterTheft = await graphql(url, REFRESH, { variables: { token: renewed.data!.refreshSession.refreshToken } });
    expect(errorCodes(afterTheft)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a wrong password without saying whether the e-mail exists', async () => {
    const response = await graphql(url, LOGIN, { variables: { email: rep.email, password: 'not-the-password' } });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0]?.message).toMatch(/wrong e-mail or password/i);
  });

  it('refuses anonymous queries at the gateway and at every subgraph', async () => {
    const atGateway = await graphql(url, '{ customers { edges { node { id } } } }');
    expect(atGateway.status).toBe(401);
    expect(errorCodes(atGateway)).toEqual(['UNAUTHENTICATED']);
    for (const subgraph of Object.values(stack.subgraphs)) {
      const direct = await graphql(subgraph.url, '{ _service { sdl } }');
      expect(errorCodes(direct)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('refuses a token signed by anyone but identity', async () => {
    const forger = await AuthKeys.fromPem(await AuthKeys.generatePem());
    const { token } = await forger.issueAccessToken({ userId: rep.id, orgUnitId: rep.orgUnitId, orgPath: 'hq', roles: ['ADMIN'] });
    const response = await graphql(url, '{ me { id } }', { token });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('the federated graph', () => {
  it('joins a customer with its owner, leads, complaints and analytics figure across all five subgraphs', async () => {
    const owned = demo.customers.filter((c) => c.ownerId === rep.id);
    const withComplaint = owned.find((c) => demo.complaints.some((x) => x.customerId === c.id))!;
    const expectedLeads = demo.leads.filter((l) => l.customerId === withComplaint.id).map((l) => l.title);
    const expectedComplaints = demo.complaints.filter((x) => x.customerId === withComplaint.id).map((x) => x.subject);

    await eventually(async () => {
      const response = await graphql<{
        customer: {
          name: string;
          owner: { displayName: string; customerCount: number };
          leads: { edges: { node: { title: string } }[] };
          complaints: { edges: { node: { subject: string } }[] };
        };
      }>(
        url,
        `query ($id: ID!) { customer(id: $id) {
          name
          owner { displayName customerCount }
          leads { edges { node { title } } }
          complaints { edges { node { subject } } }
        } }`,
        { token: repToken, variables: { id: withComplaint.id } },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.customer).toEqual({
        name: withComplaint.name,
        owner: { displayName: rep.displayName, customerCount: owned.length },
        leads: { edges: expectedLeads.map((title) => ({ node: { title } })) },
        complaints: { edges: expectedComplaints.map((subject) => ({ node: { subject } })) },
      });
    });
  });

  it('pages through a list with cursors, newest first, without repeats', async () => {
    const query = `query ($after: String) { me { customers(first: 10, after: $after) {
      edges { node { id } } pageInfo { hasNextPage endCursor } } } }`;
    type Page = { me: { customers: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    const first = await graphql<Page>(url, query, { token: repToken });
    const second = await graphql<Page>(url, query, { token: repToken, variables: { after: first.data!.me.customers.pageInfo.endCursor } });
    const ids = [...first.data!.me.customers.edges, ...second.data!.me.customers.edges].map((e) => e.node.id);
    const expected = demo.customers
      .filter((c) => c.ownerId === rep.id)
      .map((c) => c.id)
      .sort()
      .reverse()
      .slice(0, 20);
    expect(ids).toEqual(expected);
    expect(first.data!.me.customers.pageInfo.hasNextPage).toBe(true);
  });
});

describe('events between subgraphs (in-process transport)', () => {
  it('counts a new customer in analytics, and moves the count when it is reassigned', async () => {
    const before = await customerCountOf(rep.id);
    const otherBefore = await customerCountOf(otherRep.id);
    const created = await graphql<{ createCustomer: { id: string; owner: { id: string } } }>(
      url,
      `mutation { createCustomer(input: { name: "杭州新测科技有限公司", kind: COMPANY, city: "杭州" }) { id owner { id } } }`,
      { token: repToken },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createCustomer.owner.id).toBe(rep.id);
    await eventually(async () => expect(await customerCountOf(rep.id)).toBe(before + 1));

    const reassigned = await graphql(
      url,
      `mutation ($id: ID!, $owner: ID!) { reassignCustomer(input: { customerId: $id, ownerId: $owner }) { id } }`,
      { token: adminToken, variables: { id: created.data!.createCustomer.id, owner: otherRep.id } },
    );
    expect(reassigned.errors).toBeUndefined();
    await eventually(async () => {
      expect(await customerCountOf(rep.id)).toBe(before);
      expect(await customerCountOf(otherRep.id)).toBe(otherBefore + 1);
    });
  });

  it('records the caller\'s trace context on the events a request causes', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const created = await graphql<{ createCustomer: { id: string } }>(
      url,
      'mutation { createCustomer(input: { name: "苏州追踪测试有限公司", kind: COMPANY }) { id } }',
      { token: repToken, headers: { traceparent } },
    );
    const rows = (await stack.subgraphs.customers!.orm.em
      .fork()
      .getConnection()
      .execute(`select envelope->>'traceparent' as traceparent from outbox_message where envelope->>'key' = ?`, [
        created.data!.createCustomer.id,
      ])) as { traceparent: string }[];
    expect(rows).toEqual([{ traceparent }]);
  });

  it('lets customers accept a new person as owner once identity has told it about them', async () => {
    const teamUnit = demo.orgUnits.find((u) => u.path === 'hq.east.shanghai.team1')!;
    const created = await graphql<{ createUser: { id: string } }>(
      url,
      `mutation ($unit: ID!) { createUser(input: {
        email: "new.rep@demo.crm", displayName: "钱新", password: "a-long-password", orgUnitId: $unit, roles: [REP]
      }) { id } }`,
      { token: adminToken, variables: { unit: teamUnit.id } },
    );
    expect(created.errors).toBeUndefined();
    const ownerId = created.data!.createUser.id;
    await eventually(async () => {
      const customer = await graphql<{ createCustomer: { owner: { id: string } } }>(
        url,
        `mutation ($owner: ID!) { createCustomer(input: { name: "南京新客户有限公司", kind: COMPANY, ownerId: $owner }) { owner { id } } }`,
        { token: adminToken, variables: { owner: ownerId } },
      );
      expect(customer.errors).toBeUndefined();
      expect(customer.data?.createCustomer.owner.id).toBe(ownerId);
    });
  });
});

describe('the outbox', () => {
  it('deletes published events once past retention, and never pending ones', async () => {
    const customers = stack.subgraphs.customers!;
    const sql = customers.orm.em.fork().getConnection();
    await customers.relay!.stop();
    try {
      const insert = `insert into outbox_message (topic, envelope, published_at) values ('t', '{}', ?) returning id`;
      const [old] = (await sql.execute(insert, [new Date(Date.now() - 8 * 86_400_000)])) as { id: string }[];
      const [recent] = (await sql.execute(insert, [new Date()])) as { id: string }[];
      const [pending] = (await sql.execute(insert, [null])) as { id: string }[];
      await customers.relay!.deleteExpired();
      const left = (await sql.execute('select id from outbox_message where id in (?, ?, ?) order by id', [old!.id, recent!.id, pending!.id])) as { id: string }[];
      expect(left.map((r) => r.id)).toEqual([recent!.id, pending!.id]);
      await sql.execute('delete from outbox_message where id = ?', [pending!.id]);
    } finally {
      customers.relay!.start();
    }
  });
});

describe('bad input', () => {
  const customerRows = () => stack.subgraphs.customers!.orm.em.fork().getConnection().execute('select count(*)::int as n from customer');

  it.each([
    ['a malformed id', '{ customer(id: "not-a-uuid") { id } }', 'BAD_USER_INPUT'],
    ['a missing required field', 'mutation { createCustomer(input: { kind: COMPANY }) { id } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['an oversize page', '{ customers(first: 1000) { edges { node { id } } } }', 'BAD_USER_INPUT'],
    ['a forged cursor', '{ customers(after: "bm90LWEtY3Vyc29y") { edges { node { id } } } }', 'BAD_USER_INPUT'],
    [
      'an over-deep query',
      '{ me { orgUnit { parent { parent { parent { children { edges { node { children { edges { node { members { edges { node { id } } } } } } } } } } } } } } }',
      'GRAPHQL_VALIDATION_FAILED',
    ],
    ['an unknown owner', `mutation { createCustomer(input: { name: "某公司", kind: COMPANY, ownerId: "${'0'.repeat(8)}-0000-7000-8000-000000000000" }) { id } }`, 'BAD_USER_INPUT'],
  ])('rejects %s with a code, and the server keeps serving', async (_case, query, code) => {
    const response = await graphql(url, query, { token: repToken });
    expect(errorCodes(response)).toContain(code);
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
    const after = await graphql(url, '{ me { id } }', { token: repToken });
    expect(after.data).toEqual({ me: { id: rep.id } });
  });

  it('rejects an oversize name, naming the field, and writes nothing', async () => {
    const before = await customerRows();
    const response = await graphql(url, 'mutation ($name: String!) { createCustomer(input: { name: $name, kind: COMPANY }) { id } }', {
      token: repToken,
      variables: { name: '长'.repeat(201) },
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe('name: must be at most 200 characters');
    expect(await customerRows()).toEqual(before);
  });

  it('refuses a rep creating people, and creates nobody', async () => {
    const users = () => stack.subgraphs.identity!.orm.em.fork().getConnection().execute('select count(*)::int as n from app_user');
    const before = await users();
    const response = await graphql(
      url,
      `mutation { createUser(input: { email: "x@demo.crm", displayName: "某人", password: "a-long-password", orgUnitId: "${rep.orgUnitId}", roles: [ADMIN] }) { id } }`,
      { token: repToken },
    );
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(await users()).toEqual(before);
  });

  it('answers a malformed request body with 400 and a code', async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
  });
});

describe('demo data', () => {
  it('is not duplicated when seeded again', async () => {
    const counts = async () =>
      Promise.all(
        (['identity:app_user', 'customers:customer', 'funnel:lead', 'service:complaint'] as const).map(async (pair) => {
          const [name, table] = pair.split(':') as [string, string];
          return stack.subgraphs[name]!.orm.em.fork().getConnection().execute(`select count(*)::int as n from ${table}`);
        }),
      );
    const before = await counts();
    for (const definition of allSubgraphs) {
      await definition.seedDemoData?.(stack.subgraphs[definition.name]!.systemScope());
    }
    expect(await counts()).toEqual(before);
    const sizes = before.map((rows) => (rows as { n: number }[])[0]!.n);
    const demoSizes = [demo.users.length, demo.customers.length, demo.leads.length, demo.complaints.length];
    // Other tests add rows of their own; the demo set itself is there exactly once.
    sizes.forEach((size, i) => expect(size).toBeGreaterThanOrEqual(demoSizes[i]!));
    expect(sizes[1]! - demoSizes[1]!).toBeLessThan(10);
  });
});
