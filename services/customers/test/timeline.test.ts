import { customersSubgraph } from '../src';
import { insertTimelineEntries, timelineConsumer, timelineMergeConsumer } from '../src/modules/timeline';
import { demoData, type DemoUser } from '@crm/demo-data';
import { Events, type EventEnvelope } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, newId, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';

/**
 * CUS-6 in the customers subgraph (with identity, whose people it replicates): logging an
 * interaction puts it on the customer's timeline at the clock's time; refusals leave nothing; the
 * timeline pages newest first and filters by kind; a redelivered event adds no second entry.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');
const demo = demoData();
const person = (email: string): DemoUser => demo.users.find((p) => p.email === `${email}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const rep = person('rep1.east.shanghai.team1');
const outsider = person('rep1.north.beijing.team1');
const manager = person('manager.east.shanghai');

let system: TestSubgraphs;
let url: string;
const as = async (user: DemoUser) => system.tokenFor(actorOf(user));

const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`;
const LOG = `mutation ($input: LogInteractionInput!) {
  logInteraction(input: $input) { id kind occurredAt summary loggedBy { id } customer { id } }
}`;
const TIMELINE = `query ($id: ID!, $first: Int, $after: String, $kinds: [TimelineKind!]) {
  customer(id: $id) {
    timeline(first: $first, after: $after, kinds: $kinds) {
      edges { cursor node { kind occurredAt summary actor { id } subject { __typename ... on Interaction { id kind summary loggedBy { id } customer { id } } ... on Lead { id } ... on Complaint { id } } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

interface Node {
  kind: string;
  occurredAt: string;
  summary: string | null;
  actor: { id: string } | null;
  subject: { __typename: string; id: string; kind?: string; summary?: string; loggedBy?: { id: string }; customer?: { id: string } };
}
interface Page {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph], { clock, seedDemoData: true });
  url = system.running.customers!.url;
}, 120_000);

afterAll(async () => system?.stop());

async function createCustomer(name: string): Promise<string> {
  const created = await graphql<{ createCustomer: { id: string } }>(url, CREATE, { token: await as(rep), variables: { input: { name, kind: 'COMPANY' } } });
  expect(created.errors).toBeUndefined();
  return created.data!.createCustomer.id;
}

async function timeline(customerId: string, args: { first?: number; after?: string; kinds?: string[] } = {}, user = rep): Promise<Page> {
  const read = await graphql<{ customer: { timeline: Page } | null }>(url, TIMELINE, { token: await as(user), variables: { id: customerId, ...args } });
  expect(read.errors).toBeUndefined();
  return read.data!.customer!.timeline;
}

const rowsOf = async (sql: string, params: unknown[] = []) => (await system.running.customers!.orm.em.fork().getConnection().execute(sql, params)) as Record<string, unknown>[];

/** An event as the bus delivers it, for the consumer's handlers. */
function envelope<P>(type: string, payload: P, time: string): EventEnvelope<P> {
  return { id: newId(), type, version: '1.0', source: 'test', time, key: newId(), payload };
}

async function applyToTimeline(envelopes: EventEnvelope[]): Promise<void> {
  await system.running.customers!.orm.em.fork().transactional((em) => insertTimelineEntries(em, envelopes));
}

it("puts a logged interaction on the customer's timeline at the clock's time, by whoever logged it", async () => {
  const customerId = await createCustomer('上海东方电气有限公司');
  clock.set('2026-11-25T06:30:00Z');
  const logged = await graphql<{ logInteraction: Record<string, unknown> }>(url, LOG, {
    token: await as(rep),
    variables: { input: { customerId, kind: 'CALL', summary: '  Called about the renewal; call back Friday.  ' } },
  });
  expect(logged.errors).toBeUndefined();
  expect(logged.data!.logInteraction).toEqual({
    id: expect.any(String),
    kind: 'CALL',
    occurredAt: '2026-11-25T06:30:00.000Z',
    summary: 'Called about the renewal; call back Friday.',
    loggedBy: { id: rep.id },
    customer: { id: customerId },
  });
  const interactionId = logged.data!.logInteraction.id as string;

  const page = await timeline(customerId);
  expect(page.edges.map((edge) => edge.node)).toEqual([
    {
      kind: 'INTERACTION',
      occurredAt: '2026-11-25T06:30:00.000Z',
      summary: 'Called about the renewal; call back Friday.',
      actor: { id: rep.id },
      subject: {
        __typename: 'Interaction',
        id: interactionId,
        kind: 'CALL',
        summary: 'Called about the renewal; call back Friday.',
        loggedBy: { id: rep.id },
        customer: { id: customerId },
      },
    },
  ]);
  // The event reaches the timeline consumer too, which finds the entry there and adds nothing.
  await system.settled();
  expect(await rowsOf('select count(*)::int as n from customer_timeline_entry where customer_id = ?', [customerId])).toEqual([{ n: 1 }]);
});

it('refuses an interaction in the future with BAD_USER_INPUT, and writes nothing', async () => {
  const customerId = await createCustomer('苏州明远机械有限公司');
  clock.set('2026-11-25T08:00:00Z');
  const refused = await graphql(url, LOG, {
    token: await as(rep),
    variables: { input: { customerId, kind: 'VISIT', occurredAt: '2026-11-25T09:00:00Z', summary: 'Visit planned' } },
  });
  expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
  expect(refused.errors![0]!.message).toMatch(/occurredAt: 2026-11-25T09:00:00.000Z is in the future/);
  expect(await rowsOf('select count(*)::int as n from interaction where customer_id = ?', [customerId])).toEqual([{ n: 0 }]);
  expect(await rowsOf('select count(*)::int as n from customer_timeline_entry where customer_id = ?', [customerId])).toEqual([{ n: 0 }]);
  expect((await timeline(customerId)).edges).toEqual([]);
});

it('refuses a summary over 2000 characters and an unknown kind', async () => {
  const customerId = await createCustomer('南京华光照明有限公司');
  const tooLong = await graphql(url, LOG, { token: await as(rep), variables: { input: { customerId, kind: 'NOTE', summary: 'x'.repeat(2001) } } });
  expect(errorCodes(tooLong)).toEqual(['BAD_USER_INPUT']);
  const unknownKind = await graphql(url, LOG, { token: await as(rep), variables: { input: { customerId, kind: 'FAX', summary: 'hello' } } });
  expect(errorCodes(unknownKind)).toEqual(['BAD_USER_INPUT']);
  expect(await rowsOf('select count(*)::int as n from interaction where customer_id = ?', [customerId])).toEqual([{ n: 0 }]);
});

it("gives a rep from another region NOT_FOUND for a customer they cannot see, and no timeline", async () => {
  const customerId = await createCustomer('无锡新达纺织有限公司');
  const refused = await graphql(url, LOG, { token: await as(outsider), variables: { input: { customerId, kind: 'NOTE', summary: 'Not mine' } } });
  expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
  const unknown = await graphql(url, LOG, { token: await as(rep), variables: { input: { customerId: newId(), kind: 'NOTE', summary: 'Nobody' } } });
  expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
  expect(await rowsOf('select count(*)::int as n from interaction where customer_id = ?', [customerId])).toEqual([{ n: 0 }]);
  const read = await graphql<{ customer: unknown }>(url, TIMELINE, { token: await as(outsider), variables: { id: customerId } });
  expect(read.data?.customer ?? null).toBeNull();
});

it('pages the timeline newest first by when things happened, and filters it by kind', async () => {
  const customerId = await createCustomer('宁波海通物流有限公司');
  clock.set('2026-11-27T10:00:00Z');
  const log = async (occurredAt: string, summary: string) => {
    const logged = await graphql(url, LOG, { token: await as(rep), variables: { input: { customerId, kind: 'MEETING', occurredAt, summary } } });
    expect(logged.errors).toBeUndefined();
  };
  // Logged out of order: the timeline follows when they happened, not when they were logged.
  await log('2026-11-26T09:00:00Z', 'second');
  await log('2026-11-24T09:00:00Z', 'first');
  await log('2026-11-27T09:00:00Z', 'fourth');
  const leadId = newId();
  const complaintId = newId();
  await applyToTimeline([
    envelope(Events.LeadCreated, { leadId, customerId, ownerId: rep.id }, '2026-11-26T12:00:00.000Z'),
    envelope(Events.ComplaintFiled, { complaintId, customerId, severity: 'HIGH', handlerId: null }, '2026-11-27T09:30:00.000Z'),
    envelope(Events.LeadCreated, { leadId: newId(), customerId: null, ownerId: rep.id }, '2026-11-27T09:40:00.000Z'),
  ]);

  const first = await timeline(customerId, { first: 2 });
  expect(first.edges.map((e) => e.node.kind)).toEqual(['COMPLAINT', 'INTERACTION']);
  expect(first.edges[0]!.node).toEqual({ kind: 'COMPLAINT', occurredAt: '2026-11-27T09:30:00.000Z', summary: null, actor: null, subject: { __typename: 'Complaint', id: complaintId } });
  expect(first.pageInfo.hasNextPage).toBe(true);
  const second = await timeline(customerId, { first: 2, after: first.pageInfo.endCursor! });
  expect(second.edges.map((e) => [e.node.kind, e.node.summary])).toEqual([
    ['LEAD', null],
    ['INTERACTION', 'second'],
  ]);
  expect(second.edges[0]!.node.subject).toEqual({ __typename: 'Lead', id: leadId });
  expect(second.edges[0]!.node.actor).toEqual({ id: rep.id });
  const third = await timeline(customerId, { first: 2, after: second.pageInfo.endCursor! });
  expect(third.edges.map((e) => e.node.summary)).toEqual(['first']);
  expect(third.pageInfo).toEqual({ hasNextPage: false, endCursor: third.edges[0]!.cursor });

  const interactions = await timeline(customerId, { kinds: ['INTERACTION'] });
  expect(interactions.edges.map((e) => e.node.summary)).toEqual(['fourth', 'second', 'first']);
  const others = await timeline(customerId, { kinds: ['LEAD', 'COMPLAINT'] });
  expect(others.edges.map((e) => e.node.kind)).toEqual(['COMPLAINT', 'LEAD']);

  const badCursor = await graphql(url, TIMELINE, { token: await as(rep), variables: { id: customerId, after: 'bm9wZQ' } });
  expect(errorCodes(badCursor)).toEqual(['BAD_USER_INPUT']);
});

it('reads the timelines of many customers in one statement per page, not one per customer', async () => {
  const ids = [await createCustomer('合肥金源食品有限公司'), await createCustomer('嘉兴瑞丰纸业有限公司')];
  for (const customerId of ids) {
    const logged = await graphql(url, LOG, { token: await as(rep), variables: { input: { customerId, kind: 'WECHAT', summary: `hello ${customerId}` } } });
    expect(logged.errors).toBeUndefined();
  }
  const query = `query { ${ids.map((id, i) => `c${i}: customer(id: "${id}") { timeline { edges { node { summary } } } }`).join(' ')} }`;
  const connection = system.running.customers!.orm.em.getConnection();
  const execute = jest.spyOn(connection, 'execute');
  let read;
  try {
    read = await graphql<Record<string, { timeline: Page }>>(url, query, { token: await as(rep) });
    const statements = execute.mock.calls.map(([sql]) => String(sql)).filter((sql) => sql.includes('from customer_timeline_entry'));
    expect(statements).toHaveLength(1);
  } finally {
    execute.mockRestore();
  }
  expect(read.errors).toBeUndefined();
  expect(ids.map((id, i) => read.data![`c${i}`]!.timeline.edges.map((e) => e.node.summary))).toEqual(ids.map((id) => [`hello ${id}`]));
});

it('writes nothing twice when an event is redelivered or replayed', async () => {
  const customerId = await createCustomer('常州天宁电子有限公司');
  clock.set('2026-11-28T02:00:00Z');
  const logged = await graphql<{ logInteraction: { id: string } }>(url, LOG, { token: await as(rep), variables: { input: { customerId, kind: 'NOTE', summary: 'Prefers e-mail' } } });
  expect(logged.errors).toBeUndefined();
  const interactionId = logged.data!.logInteraction.id;
  const [recorded] = await rowsOf(`select source_event_id from customer_timeline_entry where entity_id = ?`, [interactionId]);
  const event = {
    ...envelope(Events.CustomerInteractionLogged, { interactionId, customerId, kind: 'NOTE', occurredAt: '2026-11-28T02:00:00.000Z', loggedById: rep.id }, '2026-11-28T02:00:00.000Z'),
    id: String(recorded!.source_event_id),
  };
  const handler = timelineConsumer.handlers[Events.CustomerInteractionLogged] as { batch(em: unknown, events: unknown[]): Promise<void> };
  for (let i = 0; i < 2; i += 1) {
    await system.running.customers!.orm.em.fork().transactional((em) => handler.batch(em, [{ payload: event.payload, envelope: event }]));
  }
  expect(await rowsOf('select count(*)::int as n from customer_timeline_entry where customer_id = ?', [customerId])).toEqual([{ n: 1 }]);

  // A lead event delivered twice (as the consumer's handler gets it) makes one entry.
  const lead = envelope(Events.LeadCreated, { leadId: newId(), customerId, ownerId: rep.id }, '2026-11-28T03:00:00.000Z');
  await applyToTimeline([lead]);
  await applyToTimeline([lead]);
  expect(await rowsOf('select kind, count(*)::int as n from customer_timeline_entry where customer_id = ? group by kind order by kind', [customerId])).toEqual([
    { kind: 'INTERACTION', n: 1 },
    { kind: 'LEAD', n: 1 },
  ]);
  // A replay into an empty projection rebuilds the interaction's entry, summary included.
  await rowsOf('delete from customer_timeline_entry where customer_id = ?', [customerId]);
  await applyToTimeline([event, lead]);
  expect((await timeline(customerId)).edges.map((e) => [e.node.kind, e.node.summary, e.node.occurredAt])).toEqual([
    ['LEAD', null, '2026-11-28T03:00:00.000Z'],
    ['INTERACTION', 'Prefers e-mail', '2026-11-28T02:00:00.000Z'],
  ]);
});

it('puts what arrives for a customer merged away on the survivor’s timeline: a late lead, an interaction logged against the old id', async () => {
  const survivorId = await createCustomer('温州正泰电器股份有限公司');
  const mergedId = await createCustomer('正泰电器(温州)有限公司');
  const merged = await graphql(url, 'mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }', {
    token: await as(manager),
    variables: { input: { survivorId, mergedId, reason: '同一家公司' } },
  });
  expect(merged.errors).toBeUndefined();
  await system.settled();

  // A replica that had not caught up with the merge still names the merged customer.
  const leadId = newId();
  await applyToTimeline([envelope(Events.LeadCreated, { leadId, customerId: mergedId, ownerId: rep.id }, '2026-11-29T02:00:00.000Z')]);
  expect((await timeline(survivorId)).edges.map((e) => e.node.subject)).toEqual([{ __typename: 'Lead', id: leadId }]);
  clock.set('2026-11-29T03:00:00Z');
  const logged = await graphql<{ logInteraction: { customer: { id: string } } }>(url, LOG, {
    token: await as(rep),
    variables: { input: { customerId: mergedId, kind: 'CALL', summary: '老号码打来的' } },
  });
  expect(logged.errors).toBeUndefined();
  expect(logged.data!.logInteraction.customer).toEqual({ id: survivorId });
  await system.settled();

  expect((await timeline(survivorId)).edges.map((e) => [e.node.kind, e.node.subject.id === leadId || e.node.summary])).toEqual([
    ['INTERACTION', '老号码打来的'],
    ['LEAD', true],
  ]);
  expect(await rowsOf('select count(*)::int as n from customer_timeline_entry where customer_id = ?', [mergedId])).toEqual([{ n: 0 }]);
  expect(await rowsOf('select count(*)::int as n from interaction where customer_id = ?', [mergedId])).toEqual([{ n: 0 }]);
});

it('moves history to the live survivor when the merges of a chain arrive out of order', async () => {
  const [first, second, survivorId] = [await createCustomer('台州吉利汽车部件有限公司'), await createCustomer('吉利汽车部件(台州)有限公司'), await createCustomer('浙江吉利汽车部件有限公司')];
  for (const [survivor, merged] of [
    [second, first],
    [survivorId, second],
  ]) {
    const result = await graphql(url, 'mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }', {
      token: await as(manager),
      variables: { input: { survivorId: survivor, mergedId: merged, reason: '同一家公司' } },
    });
    expect(result.errors).toBeUndefined();
  }
  await system.settled();
  // The first merge (first into second) delivered only now, after second went into the survivor.
  const leadId = newId();
  await rowsOf(
    `insert into customer_timeline_entry (id, customer_id, kind, occurred_at, entity_type, entity_id, summary, source_event_id) values (?, ?, 'LEAD', now(), 'Lead', ?, null, ?)`,
    [newId(), first, leadId, newId()],
  );
  const handler = timelineMergeConsumer.handlers[Events.CustomerMerged] as (em: unknown, payload: unknown, envelope: unknown) => Promise<void>;
  const late = envelope(Events.CustomerMerged, { survivorId: second, mergedId: first, mergedOwnerId: rep.id }, '2026-11-29T04:00:00.000Z');
  await system.running.customers!.orm.em.fork().transactional((em) => handler(em, late.payload, late));
  expect((await timeline(survivorId)).edges.map((e) => e.node.subject)).toEqual([{ __typename: 'Lead', id: leadId }]);
});
