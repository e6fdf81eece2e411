import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';

/**
 * The funnel subgraph with identity, whose people it replicates and whose deactivation hands a
 * leaver's leads on: a new lead carries the injectable clock's time, and a hand-over (ORG-7) leaves
 * an audit entry by the system (PLT-4) that only people who see the lead can read.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const leaver = person('rep1.east.shanghai.team1');
const successor = person('rep2.east.shanghai.team1');
const manager = person('manager.east.shanghai');
const outsider = person('rep1.north.beijing.team1');
/** A lead the leaver converted: a result, which stays theirs. */
const settledLead = demo.leads.find((l) => l.ownerId === leaver.id && l.status === 'CONVERTED')!;

let system: TestSubgraphs;
let url: string;
const as = (user: DemoUser) => system.tokenFor(actorOf(user));

const CREATE = 'mutation ($input: CreateLeadInput!) { createLead(input: $input) { id createdAt owner { id } } }';
const LEAD = 'query ($id: ID!) { lead(id: $id) { owner { id } } }';
const TRAIL = 'query ($id: ID!) { leadAuditTrail(id: $id) { edges { node { action at actor { id } before after reason } } } }';
const DEACTIVATE = 'mutation ($user: ID!, $successor: ID!) { deactivateUser(input: { userId: $user, successorId: $successor }) { id } }';

type Trail = { leadAuditTrail: { edges: { node: Record<string, unknown> }[] } };

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, funnelSubgraph], { clock, seedDemoData: true });
  url = system.running.funnel!.url;
}, 180_000);

afterAll(async () => system?.stop());

async function createLead(owner: DemoUser, title: string): Promise<{ id: string; createdAt: string; owner: { id: string } }> {
  const created = await graphql<{ createLead: { id: string; createdAt: string; owner: { id: string } } }>(url, CREATE, {
    token: await as(owner),
    variables: { input: { title, source: 'BUSINESS_CARD' } },
  });
  expect(created.errors).toBeUndefined();
  return created.data!.createLead;
}

it('stamps a new lead with the injectable clock, not the wall clock', async () => {
  clock.set('2026-11-25T03:30:00Z');
  const lead = await createLead(successor, '展会名片：冷链监控终端');
  expect(lead).toMatchObject({ createdAt: '2026-11-25T03:30:00.000Z', owner: { id: successor.id } });
});

describe("a leaver's leads", () => {
  let openLeadId: string;

  beforeAll(async () => {
    clock.set('2026-11-26T08:00:00Z');
    openLeadId = (await createLead(leaver, '官网咨询：智能电表')).id;
    clock.set('2026-11-27T09:00:00Z');
    const deactivated = await graphql(system.running.identity!.url, DEACTIVATE, {
      token: await as(manager),
      variables: { user: leaver.id, successor: successor.id },
    });
    expect(deactivated.errors).toBeUndefined();
    await system.settled();
  });

  it('go to the successor when open, and the trail shows the system moved them, when, from whom and to whom', async () => {
    const lead = await graphql<{ lead: { owner: { id: string } } }>(url, LEAD, { token: await as(successor), variables: { id: openLeadId } });
    expect(lead.data?.lead.owner.id).toBe(successor.id);

    const trail = await graphql<Trail>(url, TRAIL, { token: await as(successor), variables: { id: openLeadId } });
    expect(trail.errors).toBeUndefined();
    expect(trail.data?.leadAuditTrail.edges.map((e) => e.node)).toEqual([
      {
        action: 'lead.reassigned',
        at: '2026-11-27T09:00:00.000Z',
        actor: null,
        before: { ownerId: leaver.id },
        after: { ownerId: successor.id },
        reason: expect.any(String),
      },
    ]);
  });

  it('stay with the leaver once settled, with nothing in their trail', async () => {
    const lead = await graphql<{ lead: { owner: { id: string } } }>(url, LEAD, { token: await as(manager), variables: { id: settledLead.id } });
    expect(lead.data?.lead.owner.id).toBe(leaver.id);
    const trail = await graphql<Trail>(url, TRAIL, { token: await as(manager), variables: { id: settledLead.id } });
    expect(trail.data?.leadAuditTrail.edges).toEqual([]);
  });

  it("keep their trail from people who cannot see the lead: NOT_FOUND, as for a lead that does not exist", async () => {
    const hidden = await graphql(url, TRAIL, { token: await as(outsider), variables: { id: openLeadId } });
    const missing = await graphql(url, TRAIL, { token: await as(outsider), variables: { id: '0199a000-0000-7000-8000-00000000dead' } });
    expect(errorCodes(hidden)).toEqual(['NOT_FOUND']);
    expect(hidden.data?.leadAuditTrail ?? null).toBeNull();
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
  });
});
