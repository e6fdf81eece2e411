import { customersSubgraph } from '@crm/customers';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { serviceSubgraph } from '../src';

/**
 * The service subgraph with identity (people, deactivation) and customers (whose owners it
 * replicates): a complaint carries the injectable clock's time and is routed to the customer's
 * owner, and a leaver's open complaints go to the successor (ORG-7) with audit entries (PLT-4) that
 * only people who see the complaint's customer can read.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const leaver = person('rep1.east.shanghai.team1');
const successor = person('rep2.east.shanghai.team1');
const manager = person('manager.east.shanghai');
const outsider = person('rep1.north.beijing.team1');
const leaversCustomer = demo.customers.find((c) => c.ownerId === leaver.id)!;
/** A complaint from the demo data set, open and handled by the leaver. */
const seededComplaint = demo.complaints.find((c) => c.handlerId === leaver.id)!;

let system: TestSubgraphs;
let url: string;
const as = (user: DemoUser) => system.tokenFor(actorOf(user));

const FILE = `mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { id createdAt handler { id } } }`;
const COMPLAINT = 'query ($id: ID!) { complaint(id: $id) { handler { id } } }';
const TRAIL = 'query ($id: ID!) { complaintAuditTrail(id: $id) { edges { node { action at actor { id } before after } } } }';
const DEACTIVATE = 'mutation ($user: ID!, $successor: ID!) { deactivateUser(input: { userId: $user, successorId: $successor }) { id } }';

type Filed = { fileComplaint: { id: string; createdAt: string; handler: { id: string } | null } };
type Trail = { complaintAuditTrail: { edges: { node: Record<string, unknown> }[] } };

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph, serviceSubgraph], { clock, seedDemoData: true });
  url = system.running.service!.url;
}, 180_000);

afterAll(async () => system?.stop());

async function fileComplaint(subject: string): Promise<Filed['fileComplaint']> {
  const filed = await graphql<Filed>(url, FILE, {
    token: await as(leaver),
    variables: { input: { customerId: leaversCustomer.id, subject, description: '客户反映设备到货后无法开机。', severity: 'HIGH' } },
  });
  expect(filed.errors).toBeUndefined();
  return filed.data!.fileComplaint;
}

it("stamps a new complaint with the injectable clock and routes it to the customer's owner", async () => {
  clock.set('2026-11-25T03:30:00Z');
  const complaint = await fileComplaint('智能电表安装后无法开机');
  expect(complaint).toMatchObject({ createdAt: '2026-11-25T03:30:00.000Z', handler: { id: leaver.id } });
});

describe("a leaver's open complaints", () => {
  let filedId: string;

  beforeAll(async () => {
    clock.set('2026-11-26T08:00:00Z');
    filedId = (await fileComplaint('数控机床运行噪音过大')).id;
    clock.set('2026-11-27T09:00:00Z');
    const deactivated = await graphql(system.running.identity!.url, DEACTIVATE, {
      token: await as(manager),
      variables: { user: leaver.id, successor: successor.id },
    });
    expect(deactivated.errors).toBeUndefined();
    await system.settled();
  });

  it('go to the successor, and the trail shows the routing when filed and the hand-over by the system', async () => {
    const complaint = await graphql<{ complaint: { handler: { id: string } } }>(url, COMPLAINT, { token: await as(successor), variables: { id: filedId } });
    expect(complaint.data?.complaint.handler.id).toBe(successor.id);

    const trail = await graphql<Trail>(url, TRAIL, { token: await as(successor), variables: { id: filedId } });
    expect(trail.errors).toBeUndefined();
    expect(trail.data?.complaintAuditTrail.edges.map((e) => e.node)).toEqual([
      {
        action: 'complaint.reassigned',
        at: '2026-11-27T09:00:00.000Z',
        actor: null,
        before: { handlerId: leaver.id },
        after: { handlerId: successor.id },
      },
      {
        action: 'complaint.assigned',
        at: '2026-11-26T08:00:00.000Z',
        actor: { id: leaver.id },
        before: { handlerId: null },
        after: { handlerId: leaver.id },
      },
    ]);
  });

  it('include those from before the audit trail existed: their hand-over is recorded too', async () => {
    const trail = await graphql<Trail>(url, TRAIL, { token: await as(manager), variables: { id: seededComplaint.id } });
    expect(trail.data?.complaintAuditTrail.edges.map((e) => e.node)).toEqual([
      { action: 'complaint.reassigned', at: '2026-11-27T09:00:00.000Z', actor: null, before: { handlerId: leaver.id }, after: { handlerId: successor.id } },
    ]);
  });

  it('keep their trail from people who cannot see the customer: NOT_FOUND, as for a complaint that does not exist', async () => {
    const hidden = await graphql(url, TRAIL, { token: await as(outsider), variables: { id: filedId } });
    const missing = await graphql(url, TRAIL, { token: await as(outsider), variables: { id: '0199a000-0000-7000-8000-00000000dead' } });
    expect(errorCodes(hidden)).toEqual(['NOT_FOUND']);
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
  });
});
