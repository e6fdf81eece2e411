import { customersSubgraph } from '@crm/customers';
import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type GraphQLResponse, type TestSubgraphs } from '@crm/testing';
import { serviceSubgraph } from '../src';

/**
 * A complaint refers to a customer of the customers subgraph, checked against what the actor may
 * see from service's replica of customers (`@crm/customers/replica`): a customer in another region
 * and a made-up id get the same NOT_FOUND, and nothing is written.
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

const FILE = 'mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { id customer { id } handler { id } } }';
type Filed = { fileComplaint: { id: string; customer: { id: string }; handler: { id: string } | null } };

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph, serviceSubgraph], { clock, seedDemoData: true });
  url = system.running.service!.url;
}, 180_000);

afterAll(async () => system?.stop());

const fileComplaint = async (user: DemoUser, subject: string, customerId: string): Promise<GraphQLResponse<Filed>> =>
  graphql<Filed>(url, FILE, { token: await as(user), variables: { input: { customerId, subject, description: '设备故障。', severity: 'MEDIUM' } } });

const complaintsAbout = async (subject: string): Promise<number> => {
  const rows = (await system.running.service!.orm.em.fork().getConnection().execute('select id from complaint where subject = ?', [subject])) as unknown[];
  return rows.length;
};

describe('fileComplaint', () => {
  it('refuses a customer in another region and a made-up id with the same NOT_FOUND, and writes nothing', async () => {
    const hidden = await fileComplaint(rep, '跨区客户投诉', otherRegionsCustomer.id);
    const missing = await fileComplaint(rep, '虚构客户投诉', madeUpId);
    expect(errorCodes(hidden)).toEqual(['NOT_FOUND']);
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    expect(hidden.errors![0]!.message).toBe(`No customer ${otherRegionsCustomer.id} that you can see.`);
    const shape = (response: GraphQLResponse<Filed>, id: string) => ({
      message: response.errors![0]!.message.replace(id, '<id>'),
      extensions: response.errors![0]!.extensions,
    });
    expect(shape(missing, madeUpId)).toEqual(shape(hidden, otherRegionsCustomer.id));
    expect(await complaintsAbout('跨区客户投诉')).toBe(0);
    expect(await complaintsAbout('虚构客户投诉')).toBe(0);
  });

  it('accepts a customer the actor sees', async () => {
    const filed = await fileComplaint(rep, '设备到货破损', repsCustomer.id);
    expect(filed.errors).toBeUndefined();
    expect(filed.data?.fileComplaint).toMatchObject({ customer: { id: repsCustomer.id }, handler: { id: rep.id } });
  });
});
