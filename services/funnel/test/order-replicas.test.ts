import { creditLimitsOf, customerGroupReplica, groupMembersOf, orderPartiesOf } from '@crm/customers/replica';
import { customersSubgraph } from '@crm/customers';
import { demoData, type DemoUser } from '@crm/demo-data';
import { catalogue, decodeEvent, Events, toSubscription, type EventConsumer, type EventEnvelope } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { identityReplica, repsForProductLines } from '@crm/identity/replica';
import { createLogger, ManualClock, newId, type Actor } from '@crm/platform';
import { graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import type { EntityManager } from '@mikro-orm/core';
import { funnelSubgraph } from '../src';

/**
 * What funnel's orders will decide locally (ORG-4, CUS-4, seed 000 §1–§2), kept from identity's and
 * customers' events by their real mutations: who sells each product line for a sales team, and a
 * customer group's order parties and credit limits.
 */
const clock = new ManualClock('2026-12-08T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const admin = person('admin');
const manager = person('manager.east.shanghai');
const leader = person('lead.east.shanghai.team1');
const rep1 = person('rep1.east.shanghai.team1');
const rep2 = person('rep2.east.shanghai.team1');
const logger = createLogger('order-replicas-test', 'error');
let system: TestSubgraphs;

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph, funnelSubgraph], { clock });
  await identitySubgraph.seedDemoData!(system.running.identity!.systemScope());
  await system.settled();
}, 240_000);

afterAll(async () => system?.stop());

const funnelEm = (): EntityManager => system.running.funnel!.orm.em.fork();

async function call<T>(subgraph: 'identity' | 'customers', user: DemoUser, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await graphql<T>(system.running[subgraph]!.url, query, { token: await system.tokenFor(actorOf(user)), variables });
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/** Delivers events to funnel's database through a consumer of a new name, so its inbox skips none of them. */
async function redeliver(consumer: EventConsumer, events: readonly { topic: string; envelope: EventEnvelope }[]): Promise<void> {
  const subscription = toSubscription(system.running.funnel!.orm, `redelivery-${newId()}`, consumer, { logger });
  for (const { topic, envelope } of events) expect(await subscription.handle({ topic, envelopes: [envelope] })).toEqual([]);
}

describe("a sales team's product-line map (ORG-4, seed 000 §1)", () => {
  const ASSIGN = 'mutation ($input: AssignProductLineInput!) { assignProductLine(input: $input) { id } }';
  const REP_FOR = 'query ($team: ID!, $line: String!) { repForProductLine(teamId: $team, productLine: $line) { id } }';
  let teamId: string;
  const assign = (productLine: string, userId: string) => call('identity', leader, ASSIGN, { input: { teamId, productLine, userId } });
  const repsInFunnel = () => repsForProductLines(funnelEm(), teamId, ['数控机床', '智能电表']);

  beforeAll(async () => {
    const created = await call<{ createSalesTeam: { id: string } }>('identity', manager, 'mutation ($input: CreateSalesTeamInput!) { createSalesTeam(input: $input) { id } }', {
      input: { name: '上海大客户组', leaderId: leader.id, memberIds: [rep1.id, rep2.id] },
    });
    teamId = created.createSalesTeam.id;
  });

  it('reaches funnel: the member the map names sells the line, the leader every other, and a reassignment follows', async () => {
    await system.settled();
    expect(await repsInFunnel()).toEqual(new Map([['数控机床', leader.id], ['智能电表', leader.id]]));

    await assign('数控机床', rep2.id);
    await system.settled();
    expect(await repsInFunnel()).toEqual(new Map([['数控机床', rep2.id], ['智能电表', leader.id]]));

    await assign('智能电表', rep1.id);
    await assign('数控机床', rep1.id);
    await system.settled();
    expect(await repsInFunnel()).toEqual(new Map([['数控机床', rep1.id], ['智能电表', rep1.id]]));
    // Identity answers by the same rule over its own tables.
    const inIdentity = await call<{ repForProductLine: { id: string } }>('identity', rep2, REP_FOR, { team: teamId, line: '数控机床' });
    expect(inIdentity.repForProductLine.id).toBe(rep1.id);
  });

  it('names nobody for a team funnel has not heard of', async () => {
    expect(await repsForProductLines(funnelEm(), newId(), ['数控机床'])).toEqual(new Map());
  });

  it("reads a 1.0 event, from before teams carried their map, as a team whose leader sells every line", async () => {
    const oldTeamId = newId();
    const envelope: EventEnvelope = {
      id: newId(),
      type: Events.SalesTeamChanged,
      version: '1.0',
      source: 'identity',
      time: clock.now().toISOString(),
      key: oldTeamId,
      payload: { teamId: oldTeamId, leaderId: leader.id, memberIds: [leader.id, rep1.id] },
    };
    expect(decodeEvent(envelope).payload).toEqual({ teamId: oldTeamId, leaderId: leader.id, memberIds: [leader.id, rep1.id], productLines: [] });
    await redeliver(identityReplica.consumers[0]!, [{ topic: catalogue[Events.SalesTeamChanged].topic, envelope }]);
    expect(await repsForProductLines(funnelEm(), oldTeamId, ['数控机床'])).toEqual(new Map([['数控机床', leader.id]]));
  });
});

describe("a customer group's order parties and credit limits (CUS-4, seed 000 §2)", () => {
  const CREATE = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }';
  const SET_PARENT = 'mutation ($input: SetCustomerParentInput!) { setCustomerParent(input: $input) { id } }';
  const SET_DEFAULTS = 'mutation ($input: SetCustomerOrderDefaultsInput!) { setCustomerOrderDefaults(input: $input) { id } }';
  const SET_LIMIT = 'mutation ($input: SetCreditLimitInput!) { setCreditLimit(input: $input) { id } }';
  const MERGE = 'mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }';
  const ids: Record<'hq' | 'subsidiary' | 'branch' | 'duplicate', string> = { hq: '', subsidiary: '', branch: '', duplicate: '' };
  const create = async (name: string) => (await call<{ createCustomer: { id: string } }>('customers', admin, CREATE, { input: { name, kind: 'COMPANY' } })).createCustomer.id;
  const setLimit = (customerId: string, scope: 'CUSTOMER' | 'GROUP', limit: string) => call('customers', admin, SET_LIMIT, { input: { customerId, scope, limit } });

  /** Everything funnel holds of the group, money as text. */
  async function replicaOfGroup() {
    const em = funnelEm();
    return Promise.all(
      Object.values(ids).map(async (id) => {
        const limits = await creditLimitsOf(em, id);
        return { id, parties: await orderPartiesOf(em, id), own: limits.own?.toString() ?? null, group: { ...limits.group, limit: limits.group.limit?.toString() ?? null } };
      }),
    );
  }

  beforeAll(async () => {
    ids.hq = await create('卓远集团有限公司');
    ids.subsidiary = await create('卓远华东有限公司');
    ids.branch = await create('卓远华东上海分公司');
    ids.duplicate = await create('卓远华东（上海）分公司');
    await call('customers', admin, SET_PARENT, { input: { customerId: ids.subsidiary, parentId: ids.hq } });
    await call('customers', admin, SET_PARENT, { input: { customerId: ids.branch, parentId: ids.subsidiary } });
    await call('customers', admin, SET_PARENT, { input: { customerId: ids.duplicate, parentId: ids.subsidiary } });
    await call('customers', admin, SET_DEFAULTS, { input: { customerId: ids.branch, orderingPartyId: ids.branch, shipToId: ids.branch, billToId: ids.hq } });
    await setLimit(ids.hq, 'GROUP', '1000000000000.30');
    await setLimit(ids.branch, 'CUSTOMER', '0.10');
    await setLimit(ids.subsidiary, 'CUSTOMER', '999999999999.99');
    await system.settled();
  }, 60_000);

  it('reaches funnel: a branch orders and takes delivery itself and bills to HQ, under its own limit and its group’s', async () => {
    const em = funnelEm();
    expect(await orderPartiesOf(em, ids.branch)).toEqual({ orderingPartyId: ids.branch, shipToId: ids.branch, billToId: ids.hq });
    expect(await orderPartiesOf(em, ids.hq)).toEqual({ orderingPartyId: ids.hq, shipToId: ids.hq, billToId: ids.hq });
    const branch = await creditLimitsOf(em, ids.branch);
    expect({ own: branch.own?.toString(), group: { groupId: branch.group.groupId, limit: branch.group.limit?.toString() } }).toEqual({
      own: '0.10',
      group: { groupId: ids.hq, limit: '1000000000000.30' },
    });
    // 15 digits through the replica and back, exactly; no float on the way.
    expect(branch.own!.plus((await creditLimitsOf(em, ids.subsidiary)).own!).toString()).toBe('1000000000000.09');
    expect((await creditLimitsOf(em, ids.hq)).own).toBeNull();
    expect(await groupMembersOf(em, ids.hq)).toEqual([ids.hq, ids.subsidiary, ids.branch, ids.duplicate].sort());
  });

  it('changes nothing when customers’ events come again', async () => {
    const before = await replicaOfGroup();
    const published = (await system.running.customers!.orm.em.fork().getConnection().execute(
      "select topic, envelope from outbox_message where envelope ->> 'type' in (?, ?, ?) order by id",
      [Events.CustomerHierarchyChanged, Events.CustomerOrderDefaultsSet, Events.CustomerCreditLimitSet],
    )) as { topic: string; envelope: EventEnvelope }[];
    expect(published.length).toBeGreaterThanOrEqual(7);
    await redeliver(customerGroupReplica.consumers[0]!, published);
    expect(await replicaOfGroup()).toEqual(before);
  });

  it('follows a merge: the merged customer leaves the group and its parties and limits with it', async () => {
    await call('customers', admin, MERGE, { input: { survivorId: ids.branch, mergedId: ids.duplicate, reason: '同一分公司录入两次' } });
    await system.settled();
    const em = funnelEm();
    expect(await groupMembersOf(em, ids.hq)).toEqual([ids.hq, ids.subsidiary, ids.branch].sort());
    expect(await orderPartiesOf(em, ids.branch)).toEqual({ orderingPartyId: ids.branch, shipToId: ids.branch, billToId: ids.hq });
    expect((await creditLimitsOf(em, ids.branch)).own?.toString()).toBe('0.10');
  });
});
