import { demoData } from '@crm/demo-data';
import { newId } from '@crm/platform';
import { visibleOwnerConditionFor } from '@crm/identity/replica';
import { errorCodes, graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { countRows, signIn, startDemoStack } from './support/demo-stack';

/**
 * ORG-2, open downward and closed upward: for each level of the tree, plus a sibling and an
 * outsider, what each sees of one rep's customers and leads, and that forbidden writes change nothing.
 */
const demo = demoData();
const person = (email: string) => demo.users.find((u) => u.email === `${email}@demo.crm`)!;
const owner = person('rep1.east.shanghai.team1');
const customer = demo.customers.find((c) => c.ownerId === owner.id)!;
const lead = demo.leads.find((l) => l.ownerId === owner.id)!;
const ownedCustomerIds = new Set(demo.customers.filter((c) => c.ownerId === owner.id).map((c) => c.id));
const complaint = demo.complaints.find((c) => ownedCustomerIds.has(c.customerId))!;

const viewers = [
  ['HQ admin', 'admin', true],
  ['region manager', 'manager.east', true],
  ['city manager', 'manager.east.shanghai', true],
  ['team lead', 'lead.east.shanghai.team1', true],
  ['the owning rep', 'rep1.east.shanghai.team1', true],
  ['a sibling rep', 'rep2.east.shanghai.team1', false],
  ['a sibling team lead', 'lead.east.shanghai.team2', false],
  ['an outsider manager', 'manager.north', false],
] as const;

let stack: LocalStack;
let url: string;
const tokens = new Map<string, string>();

beforeAll(async () => {
  ({ stack } = await startDemoStack());
  url = stack.gateway.url;
  for (const [, handle] of viewers) tokens.set(handle, (await signIn(stack, handle)).accessToken);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

/** Whom a viewer may see, from the demo data: their own records, or their subtree's. */
function visibleOwners(handle: string): Set<string> {
  const viewer = person(handle);
  const managesSubtree = viewer.roles.some((r) => ['ADMIN', 'MANAGER', 'TEAM_LEAD'].includes(r));
  return new Set(
    demo.users
      .filter((u) => (managesSubtree ? u.orgPath === viewer.orgPath || u.orgPath.startsWith(`${viewer.orgPath}.`) : u.id === viewer.id))
      .map((u) => u.id),
  );
}

describe.each(viewers)('%s', (_who, handle, seesOwner) => {
  const token = () => tokens.get(handle)!;

  it(`${seesOwner ? 'sees' : 'does not see'} the rep's customer, lead and complaint`, async () => {
    const response = await graphql(url, 'query ($c: ID!, $l: ID!, $x: ID!) { customer(id: $c) { id } lead(id: $l) { id } complaint(id: $x) { id } }', {
      token: token(),
      variables: { c: customer.id, l: lead.id, x: complaint.id },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(
      seesOwner
        ? { customer: { id: customer.id }, lead: { id: lead.id }, complaint: { id: complaint.id } }
        : { customer: null, lead: null, complaint: null },
    );
  });

  it('lists only customers, leads and complaints owned by people it may see', async () => {
    type Owned = { edges: { node: { owner: { id: string } } }[] };
    type OfCustomer = { edges: { node: { customer: { owner: { id: string } } } }[] };
    const response = await graphql<{ customers: Owned; leads: Owned; complaints: OfCustomer }>(
      url,
      `{ customers(first: 100) { edges { node { owner { id } } } }
         leads(first: 100) { edges { node { owner { id } } } }
         complaints(first: 100) { edges { node { customer { owner { id } } } } } }`,
      { token: token() },
    );
    expect(response.errors).toBeUndefined();
    const allowed = visibleOwners(handle);
    const owners = [
      ...response.data!.customers.edges.map((e) => e.node.owner.id),
      ...response.data!.leads.edges.map((e) => e.node.owner.id),
      ...response.data!.complaints.edges.map((e) => e.node.customer.owner.id),
    ];
    expect(response.data!.complaints.edges.length).toBeGreaterThan(0);
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.filter((id) => !allowed.has(id))).toEqual([]);
  });
});

describe('the visibility filter on a large table', () => {
  it('reads 100k customers through indexes, for a rep, an assistant and a city manager', async () => {
    const sql = stack.subgraphs.customers!.orm.em.fork().getConnection();
    const reps = demo.users.filter((u) => u.roles.includes('REP')).map((u) => u.id);
    await sql.execute(
      `insert into customer (id, name, kind, match_name, name_initials, owner_id, created_by_id, created_at)
       select gen_random_uuid(), '批量客户' || n, 'COMPANY', '批量客户' || n, 'plkh' || n, o.id, o.id, now()
       from generate_series(1, 100000) as n, lateral (select (?::uuid[])[1 + n % ?] as id) o`,
      [`{${reps.join(',')}}`, reps.length],
    );
    await sql.execute('analyze customer');
    await sql.execute('analyze directory_user');
    const planFor = async (handle: string) => {
      const viewer = person(handle);
      const actor = { userId: viewer.id, orgUnitId: viewer.orgUnitId, orgPath: viewer.orgPath, roles: viewer.roles, supports: viewer.supports, teamIds: [newId()] };
      // The filter the customers subgraph applies: visible through the owner, the secondary owner or a team.
      const where = visibleOwnerConditionFor(actor, ['owner_id', 'secondary_owner_id'], 'sales_team_id');
      const rows = (await sql.execute(`explain select * from "customer" where (${where.sql}) order by id desc limit 21`, where.params)) as { 'QUERY PLAN': string }[];
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    // Which index wins depends on how many rows a viewer owns; what must never happen is reading
    // the whole table to answer a first page.
    for (const handle of ['rep1.east.shanghai.team1', 'assistant.east.shanghai', 'manager.east.shanghai']) {
      const plan = await planFor(handle);
      expect(plan).toMatch(/Index (Only )?Scan/);
      expect(plan).not.toMatch(/Seq Scan on customer/);
    }
  });
});

describe('forbidden writes change nothing and say why', () => {
  const REASSIGN = 'mutation ($id: ID!, $to: ID!) { reassignCustomer(input: { customerId: $id, ownerId: $to }) { id } }';
  const ownerOfCustomer = async () =>
    (
      (await stack.subgraphs.customers!.orm.em.fork().getConnection().execute('select owner_id from customer where id = ?', [customer.id])) as {
        owner_id: string;
      }[]
    )[0]!.owner_id;

  it.each([
    ['a sibling rep', 'rep2.east.shanghai.team1', 'NOT_FOUND'],
    ['an outsider manager', 'manager.north', 'NOT_FOUND'],
    ['the owning rep, whose role may not reassign', 'rep1.east.shanghai.team1', 'FORBIDDEN'],
  ])('%s cannot reassign the customer', async (_who, handle, code) => {
    const response = await graphql(url, REASSIGN, {
      token: tokens.get(handle)!,
      variables: { id: customer.id, to: person('rep2.east.shanghai.team1').id },
    });
    expect(errorCodes(response)).toEqual([code]);
    expect(response.errors?.[0]?.message).toEqual(expect.stringMatching(/.{20,}/));
    expect(await ownerOfCustomer()).toBe(owner.id);
  });

  it('a team lead cannot hand a customer to someone outside the team', async () => {
    const response = await graphql(url, REASSIGN, {
      token: tokens.get('lead.east.shanghai.team1')!,
      variables: { id: customer.id, to: person('rep1.east.shanghai.team2').id },
    });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors?.[0]?.extensions?.reason).toBe('OWNER_OUT_OF_REACH');
    expect(await ownerOfCustomer()).toBe(owner.id);
  });

  it('a rep cannot create a customer in a colleague\'s name', async () => {
    const count = () => countRows(stack, 'customers', 'customer');
    const before = await count();
    const response = await graphql(url, 'mutation ($owner: ID!) { createCustomer(input: { name: "冒名公司", kind: COMPANY, ownerId: $owner }) { id } }', {
      token: tokens.get('rep2.east.shanghai.team1')!,
      variables: { owner: owner.id },
    });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(await count()).toBe(before);
  });

  it("a sibling rep cannot file a complaint on the rep's customer", async () => {
    const before = await countRows(stack, 'service', 'complaint');
    const response = await graphql(
      url,
      'mutation ($c: ID!) { fileComplaint(input: { customerId: $c, subject: "越权投诉", description: "不应写入", severity: LOW }) { id } }',
      { token: tokens.get('rep2.east.shanghai.team1')!, variables: { c: customer.id } },
    );
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(await countRows(stack, 'service', 'complaint')).toBe(before);
  });

  it('the team lead can reassign within the team', async () => {
    const response = await graphql(url, REASSIGN, {
      token: tokens.get('lead.east.shanghai.team1')!,
      variables: { id: customer.id, to: person('rep2.east.shanghai.team1').id },
    });
    expect(response.errors).toBeUndefined();
    expect(await ownerOfCustomer()).toBe(person('rep2.east.shanghai.team1').id);
  });

  it('leaves the previous owner as secondary owner, who still sees the customer; a sibling still does not', async () => {
    const seen = async (handle: string) =>
      (await graphql<{ customer: { secondaryOwner: { id: string } | null } | null }>(url, 'query ($c: ID!) { customer(id: $c) { secondaryOwner { id } } }', {
        token: tokens.get(handle) ?? (await signIn(stack, handle)).accessToken,
        variables: { c: customer.id },
      })).data?.customer;
    expect(await seen('rep1.east.shanghai.team1')).toEqual({ secondaryOwner: { id: owner.id } });
    expect(await seen('rep3.east.shanghai.team1')).toBeNull();
  });
});

describe('assistants (ORG-6)', () => {
  const assistant = person('assistant.east.shanghai');
  const CREATE = 'mutation ($owner: ID!) { createCustomer(input: { name: "代录客户有限公司", kind: COMPANY, ownerId: $owner }) { owner { id } createdBy { id } } }';
  let token: string;

  beforeAll(async () => {
    token = (await signIn(stack, 'assistant.east.shanghai')).accessToken;
  });

  it('see the customers of the reps they support, and no one else\'s', async () => {
    const supported = demo.customers.find((c) => c.ownerId === person('rep2.east.shanghai.team1').id)!;
    const other = demo.customers.find((c) => c.ownerId === person('rep1.east.shanghai.team2').id)!;
    const response = await graphql(url, 'query ($a: ID!, $b: ID!) { a: customer(id: $a) { id } b: customer(id: $b) { id } }', {
      token,
      variables: { a: supported.id, b: other.id },
    });
    expect(response.data).toEqual({ a: { id: supported.id }, b: null });
  });

  it('enter a customer for a supported rep, and the record keeps both', async () => {
    const rep = person('rep3.east.shanghai.team1');
    const response = await graphql(url, CREATE, { token, variables: { owner: rep.id } });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ createCustomer: { owner: { id: rep.id }, createdBy: { id: assistant.id } } });
  });

  it('enter a lead for a supported rep, and the record keeps both', async () => {
    const rep = person('rep3.east.shanghai.team1');
    const response = await graphql(url, 'mutation ($owner: ID) { createLead(input: { title: "展会名片", source: BUSINESS_CARD, ownerId: $owner }) { owner { id } createdBy { id } } }', {
      token,
      variables: { owner: rep.id },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ createLead: { owner: { id: rep.id }, createdBy: { id: assistant.id } } });
  });

  it('cannot enter data for a rep they do not support', async () => {
    const response = await graphql(url, CREATE, { token, variables: { owner: person('rep1.east.shanghai.team2').id } });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('are named by a manager, who cannot make a rep an assistant', async () => {
    const response = await graphql(url, 'mutation ($a: ID!, $r: [ID!]!) { setSupportedReps(input: { assistantId: $a, repIds: $r }) { id } }', {
      token: tokens.get('manager.east.shanghai')!,
      variables: { a: person('rep3.east.shanghai.team2').id, r: [person('rep1.east.shanghai.team2').id] },
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});
