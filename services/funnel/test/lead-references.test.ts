import { customersSubgraph } from '@crm/customers';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type GraphQLResponse, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';

/**
 * A lead refers to records of other subgraphs — its customer (customers), its owner (identity) —
 * and each is checked against what the actor may see, from funnel's replicas: a customer in
 * another region and a made-up id get the same NOT_FOUND, and nothing is written.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const rep = person('rep2.east.shanghai.team1');
const outsider = person('rep1.north.beijing.team1');
const repsCustomer = demo.customers.find((c) => c.ownerId === rep.id)!;
const otherRegionsCustomer = demo.customers.find((c) => c.ownerId === outsider.id)!;
const madeUpId = '0199a000-0000-7000-8000-00000000beef';

let system: TestSubgraphs;
let url: string;
const as = (user: DemoUser) => system.tokenFor(actorOf(user));

const CREATE = 'mutation ($input: CreateLeadInput!) { createLead(input: $input) { id customer { id } owner { id } } }';
type Created = { createLead: { id: string; customer: { id: string } | null; owner: { id: string } } };

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph, funnelSubgraph], { clock, seedDemoData: true });
  url = system.running.funnel!.url;
}, 180_000);

afterAll(async () => system?.stop());

const createLead = async (user: DemoUser, title: string, input: Record<string, unknown>): Promise<GraphQLResponse<Created>> =>
  graphql<Created>(url, CREATE, { token: await as(user), variables: { input: { title, source: 'WEB_INQUIRY', ...input } } });

const leadsTitled = async (title: string): Promise<number> => {
  const rows = (await system.running.funnel!.orm.em.fork().getConnection().execute('select id from lead where title = ?', [title])) as unknown[];
  return rows.length;
};

describe('createLead with a customerId', () => {
  it("refuses a customer in another region with NOT_FOUND, and writes nothing", async () => {
    const title = '跨区客户：冷链监控终端';
    const refused = await createLead(rep, title, { customerId: otherRegionsCustomer.id });
    expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
    expect(refused.errors![0]!.message).toBe(`No customer ${otherRegionsCustomer.id} that you can see.`);
    expect(refused.data?.createLead ?? null).toBeNull();
    expect(await leadsTitled(title)).toBe(0);
  });

  it('refuses a made-up customer id with exactly the same answer, and writes nothing', async () => {
    const title = '虚构客户：智能电表';
    const hidden = await createLead(rep, '跨区客户（对照）', { customerId: otherRegionsCustomer.id });
    const missing = await createLead(rep, title, { customerId: madeUpId });
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    expect(missing.errors![0]!.message).toBe(`No customer ${madeUpId} that you can see.`);
    // Nothing tells an existing hidden customer from one that does not exist.
    const shape = (response: GraphQLResponse<Created>, id: string) => ({
      message: response.errors![0]!.message.replace(id, '<id>'),
      extensions: response.errors![0]!.extensions,
    });
    expect(shape(missing, madeUpId)).toEqual(shape(hidden, otherRegionsCustomer.id));
    expect(await leadsTitled(title)).toBe(0);
  });

  it('accepts a customer the actor sees, and the lead resolves its customer', async () => {
    const created = await createLead(rep, '老客户复购：数控机床', { customerId: repsCustomer.id });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createLead).toMatchObject({ customer: { id: repsCustomer.id }, owner: { id: rep.id } });
  });

  it('refuses an owner out of reach, and writes nothing', async () => {
    const title = '越权指派：工业网关';
    const refused = await createLead(rep, title, { ownerId: outsider.id });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(await leadsTitled(title)).toBe(0);
  });
});
