import { analyticsSubgraph } from '@crm/analytics';
import { customersSubgraph } from '@crm/customers';
import { demoData } from '@crm/demo-data';
import { KafkaEventBus, OutboxRelay, pendingOutboxCount, type EventEnvelope } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { serviceSubgraph } from '@crm/service';
import { AuthKeys, createLogger, newId, startSubgraph, type RunningSubgraph, type SubgraphDefinition } from '@crm/platform';
import { describeWithKafka, eventually, graphql, testDatabaseUrl, uniqueDatabasePrefix } from '@crm/testing';
import { Kafka, KafkaJSNonRetriableError, logLevel } from 'kafkajs';

/**
 * The same flows as the in-process tests, but each subgraph has its own Kafka client, as separate
 * processes would: identity → customers (owner directory), customers → analytics (counts).
 */
describeWithKafka('events over a real Kafka broker', (brokers) => {
  const demo = demoData();
  const [repA, repB] = demo.users.filter((u) => u.roles.includes('REP'));
  const prefix = uniqueDatabasePrefix();
  const logger = createLogger('kafka-test');
  const running: Record<string, { subgraph: RunningSubgraph; bus: KafkaEventBus }> = {};
  let auth: AuthKeys;
  let token: string;

  async function start(definition: SubgraphDefinition): Promise<RunningSubgraph> {
    const bus = new KafkaEventBus({ clientId: `test-${definition.name}`, brokers, topicReplication: 1, namespace: prefix, logger });
    const subgraph = await startSubgraph(definition, {
      databaseUrl: testDatabaseUrl(`${prefix}${definition.name}`),
      port: 0,
      bus,
      auth,
      logger,
    });
    running[definition.name] = { subgraph, bus };
    return subgraph;
  }

  async function stop(name: string): Promise<void> {
    const entry = running[name];
    if (!entry) return;
    delete running[name];
    await entry.subgraph.relay!.stop();
    await entry.bus.stop();
    await entry.subgraph.stop();
  }

  async function countOf(ownerId: string): Promise<number> {
    const response = await graphql<{ _entities: { customerCount: number }[] }>(
      running.analytics!.subgraph.url,
      'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { customerCount } } }',
      { token, variables: { reps: [{ __typename: 'User', id: ownerId }] } },
    );
    return response.data!._entities[0]!.customerCount;
  }

  async function createCustomer(name: string, ownerId: string): Promise<string> {
    const response = await graphql<{ createCustomer: { id: string } }>(
      running.customers!.subgraph.url,
      'mutation ($name: String!, $owner: ID!) { createCustomer(input: { name: $name, kind: COMPANY, ownerId: $owner }) { id } }',
      { token, variables: { name, owner: ownerId } },
    );
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.createCustomer.id;
  }

  beforeAll(async () => {
    const keys = await AuthKeys.generatePem();
    auth = await AuthKeys.fromPem(keys);
    const admin = demo.users[0]!;
    ({ token } = await auth.issueAccessToken({ userId: admin.id, orgUnitId: admin.orgUnitId, orgPath: admin.orgPath, roles: admin.roles }));
    const identity = await start(identitySubgraph);
    await start(customersSubgraph);
    await start(analyticsSubgraph);
    await identitySubgraph.seedDemoData!(identity.systemScope());
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.keys(running).map(stop));
  });

  it('replicates identity people into customers, whose new customers analytics then counts', async () => {
    // Owners are accepted only once identity's user.created events have arrived through Kafka.
    await eventually(() => createCustomer('上海卡夫卡测试有限公司', repA!.id), 60_000, 500);
    await eventually(async () => expect(await countOf(repA!.id)).toBe(1), 30_000);
  });

  it('applies a redelivered event once, in order with later events of the same customer', async () => {
    const customerId = await createCustomer('杭州重复投递测试有限公司', repA!.id);
    await eventually(async () => expect(await countOf(repA!.id)).toBe(2), 30_000);
    const outbox = running.customers!.subgraph.orm.em.fork().getConnection();
    const [row] = (await outbox.execute(
      `select envelope from outbox_message where envelope->>'key' = ? and envelope->>'type' = 'customer.created'`,
      [customerId],
    )) as { envelope: EventEnvelope }[];

    // The same event again (a producer retry or a replay), then a later change of the same customer.
    await running.customers!.bus.publish([{ topic: 'crm.customers.customers', envelope: row!.envelope }]);
    await graphql(
      running.customers!.subgraph.url,
      'mutation ($id: ID!, $owner: ID!) { reassignCustomer(input: { customerId: $id, ownerId: $owner }) { id } }',
      { token, variables: { id: customerId, owner: repB!.id } },
    );
    // Same key, same partition: once the reassignment is counted, the duplicate was seen before it.
    await eventually(async () => expect(await countOf(repB!.id)).toBe(1), 30_000);
    expect(await countOf(repA!.id)).toBe(1);
  });

  it('catches up after the consumer restarts, losing nothing and applying nothing twice', async () => {
    const before = await countOf(repB!.id);
    await stop('analytics');
    for (const name of ['成都重启测试一有限公司', '成都重启测试二有限公司', '成都重启测试三有限公司']) {
      await createCustomer(name, repB!.id);
    }
    await start(analyticsSubgraph);
    await eventually(async () => expect(await countOf(repB!.id)).toBe(before + 3), 60_000, 250);
  });

  it('keeps writes working while the broker is unreachable, and drains the backlog when it is back', async () => {
    const orm = running.customers!.subgraph.orm;
    await running.customers!.subgraph.relay!.stop();
    const unreachable = new KafkaEventBus({ clientId: 'test-unreachable', brokers: ['127.0.0.1:1'], topicReplication: 1, logger });
    const cutOff = new OutboxRelay(orm, unreachable, logger);
    const before = await countOf(repB!.id);

    await createCustomer('深圳断网测试有限公司', repB!.id);
    await expect(cutOff.relayOnce()).rejects.toThrow();
    expect(await pendingOutboxCount(orm)).toBe(1);
    await unreachable.stop();

    const back = new OutboxRelay(orm, running.customers!.bus, logger);
    expect(await back.relayOnce()).toBe(1);
    expect(await pendingOutboxCount(orm)).toBe(0);
    await eventually(async () => expect(await countOf(repB!.id)).toBe(before + 1), 30_000);
    await running.customers!.subgraph.relay!.start();
  });

  it('brings back a consumer that crashed in a way kafkajs does not restart from, and redelivers what it missed', async () => {
    const bus = new KafkaEventBus({ clientId: 'test-crash', brokers, topicReplication: 1, namespace: prefix, logger });
    const envelope: EventEnvelope = {
      id: newId(),
      type: 'complaint.filed',
      version: '1.0',
      source: 'test',
      time: new Date().toISOString(),
      key: newId(),
      // A well-formed event: the suite's other consumers on this topic read it too.
      payload: { complaintId: newId(), customerId: newId(), severity: 'LOW', handlerId: null },
    };
    let crashed = false;
    const handled: string[] = [];
    await bus.subscribe({
      group: `test-crash-${envelope.id}`,
      topics: ['crm.service.complaints'],
      position: async () => 0,
      handle: async ({ envelopes }) => {
        if (!envelopes.some((received) => (received as EventEnvelope).id === envelope.id)) return [];
        if (!crashed) {
          crashed = true;
          throw new KafkaJSNonRetriableError('simulated crash that kafkajs gives up on');
        }
        handled.push(envelope.id);
        return [];
      },
    });
    try {
      await bus.publish([{ topic: 'crm.service.complaints', envelope }]);
      await eventually(async () => expect(handled).toEqual([envelope.id]), 60_000, 250);
      expect(crashed).toBe(true);
    } finally {
      await bus.stop();
    }
  }, 90_000);

  const rowsIn = async (name: string, sql: string) =>
    (await running[name]!.subgraph.orm.em.fork().getConnection().execute(sql)) as Record<string, unknown>[];

  it('dead-letters a message that is not an event, to the table and the .dlq topic, and keeps the partition moving', async () => {
    const kafka = new Kafka({ clientId: 'test-poison', brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const before = await countOf(repA!.id);
    try {
      await producer.send({ topic: `${prefix}crm.customers.customers`, messages: [{ key: 'poison', value: '{"id": not json' }] });
    } finally {
      await producer.disconnect();
    }
    await createCustomer('武汉毒丸之后有限公司', repA!.id);
    await eventually(async () => expect(await countOf(repA!.id)).toBe(before + 1), 30_000);
    await eventually(async () =>
      // Each of analytics' consumers of the topic sets the message aside once, and only that message.
      expect(await rowsIn('analytics', `select consumer, envelope from dead_letter where envelope->>'unparseable' is not null order by consumer`)).toEqual([
        { consumer: 'analytics.customer-count', envelope: { unparseable: '{"id": not json' } },
        { consumer: 'analytics.rep-data-quality', envelope: { unparseable: '{"id": not json' } },
      ]),
    );

    const seen: string[] = [];
    const reader = kafka.consumer({ groupId: `${prefix}dlq-reader` });
    await reader.connect();
    await reader.subscribe({ topic: `${prefix}crm.customers.customers.dlq`, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void seen.push(`${message.headers?.['consumer-group']?.toString()}: ${message.value?.toString()}`) });
    try {
      await eventually(async () => expect(seen).toContain('analytics.customer-count: {"unparseable":"{\\"id\\": not json"}'), 30_000);
    } finally {
      await reader.disconnect();
    }
  }, 90_000);

  it("fills a newly added subgraph's replicas by replaying the topics from the beginning", async () => {
    await start(serviceSubgraph);
    const [people] = await rowsIn('identity', 'select count(*)::int as n from app_user');
    const [customers] = await rowsIn('customers', 'select count(*)::int as n from customer');
    await eventually(async () => {
      expect(await rowsIn('service', 'select count(*)::int as n from directory_user')).toEqual([people]);
      expect(await rowsIn('service', 'select count(*)::int as n from customer_owner')).toEqual([customers]);
    }, 60_000, 250);
  }, 90_000);
});
