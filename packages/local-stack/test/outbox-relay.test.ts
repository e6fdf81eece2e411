import { Events, InProcessEventBus, OutboxLog, OutboxMessageSchema, OutboxRelay, eventsMigrations, pendingOutboxCount, recordEvent, type EventEnvelope } from '@crm/events';
import { createLogger, createOrm, newId } from '@crm/platform';
import { testDatabaseUrl, uniqueDatabasePrefix } from '@crm/testing';
import type { MikroORM } from '@mikro-orm/core';

/**
 * Replicas of a service share one outbox. Run several relays against it at once: every event must
 * get exactly one place in the log, and the events of one aggregate the order they were recorded in.
 */
const logger = createLogger('relay-test', 'error');
let orm: MikroORM;

beforeAll(async () => {
  orm = await createOrm({
    name: 'relay-test',
    databaseUrl: testDatabaseUrl(`${uniqueDatabasePrefix()}relay`),
    entities: [OutboxMessageSchema],
    migrations: eventsMigrations,
    logger,
  });
});

afterAll(async () => {
  await orm?.close();
});

it('publishes each event exactly once and in per-aggregate order, with three replicas relaying at once', async () => {
  const customers = Array.from({ length: 5 }, () => newId());
  const owners = Array.from({ length: 60 }, () => newId());
  for (const [step, toOwnerId] of owners.entries()) {
    const em = orm.em.fork();
    const customerId = customers[step % customers.length]!;
    recordEvent(em, 'customers', {
      type: Events.CustomerReassigned,
      key: customerId,
      time: new Date(),
      payload: { customerId, fromOwnerId: owners[Math.max(0, step - customers.length)]!, toOwnerId, secondaryOwnerId: null },
    });
    await em.flush();
  }

  const bus = new InProcessEventBus();
  const log = new OutboxLog(orm);
  const replicas = [1, 2, 3].map(() => new OutboxRelay(orm, bus, logger, { batchSize: 7, log }));
  while ((await pendingOutboxCount(orm)) > 0) {
    await Promise.all(replicas.map((relay) => relay.relayOnce()));
  }

  const received: EventEnvelope[] = (await log.read('crm.customers.customers', 0, 1_000)).map((entry) => entry.envelope);
  expect(received).toHaveLength(owners.length);
  expect(new Set(received.map((e) => e.id)).size).toBe(owners.length);
  for (const customerId of customers) {
    const sequence = received
      .filter((e) => e.key === customerId)
      .map((e) => (e.payload as { toOwnerId: string }).toOwnerId);
    expect(sequence).toEqual(owners.filter((_, step) => customers[step % customers.length] === customerId));
  }
});
