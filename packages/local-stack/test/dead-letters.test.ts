import { Events, InProcessEventBus, OutboxLog, OutboxMessageSchema, OutboxRelay, deadLetteredEvents, eventsMigrations, openDeadLetters, recordEvent, replayDeadLetters, toSubscription, type EventConsumer, type EventEnvelope, type Subscription } from '@crm/events';
import { createLogger, createOrm, newId } from '@crm/platform';
import { eventually, testDatabaseUrl, uniqueDatabasePrefix } from '@crm/testing';
import type { MikroORM } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';

/**
 * A consumer must never stop its topic for one event it cannot apply: a handler that keeps
 * throwing, an event that is not JSON, a payload that breaks the contract. Each goes to the
 * dead-letter store after its retries, the events behind it are applied, and once the cause is
 * fixed a replay applies it exactly once.
 */
class AppliedTable extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table applied (customer_id uuid primary key, name text not null)');
  }
}

const logger = createLogger('dead-letter-test', 'fatal');
const topic = 'crm.customers.customers';
let orm: MikroORM;
let subscription: Subscription;
/** Names the handler refuses, as a bug or a missing reference would. */
const refused = new Set<string>();

const consumer: EventConsumer = {
  name: 'applied',
  handlers: {
    [Events.CustomerCreated]: async (em, { customerId, name }) => {
      if (refused.has(name)) throw new Error(`cannot apply ${name} yet`);
      await em.getConnection().execute('insert into applied (customer_id, name) values (?, ?)', [customerId, name], 'run', em.getTransactionContext());
    },
  },
};

function created(name: string, version = '1.0', extra: Record<string, unknown> = {}): EventEnvelope {
  const customerId = newId();
  return { id: newId(), type: Events.CustomerCreated, version, source: 'customers', time: new Date().toISOString(), key: customerId, payload: { customerId, name, ownerId: newId(), ...extra } };
}

const appliedNames = async () =>
  ((await orm.em.fork().getConnection().execute('select name from applied order by name')) as { name: string }[]).map((r) => r.name);

const deadLetterCount = async () => (await deadLetteredEvents.get()).values.reduce((sum, v) => sum + v.value, 0);

beforeAll(async () => {
  orm = await createOrm({
    name: 'dead-letter-test',
    databaseUrl: testDatabaseUrl(`${uniqueDatabasePrefix()}dead_letters`),
    entities: [OutboxMessageSchema],
    migrations: [...eventsMigrations, { name: 'AppliedTable', class: AppliedTable }],
    logger,
  });
  subscription = toSubscription(orm, 'test', consumer, { logger, attempts: 2, retryDelayMs: 1 });
});

afterAll(async () => {
  await orm?.close();
});

beforeEach(async () => {
  refused.clear();
  await orm.em.fork().getConnection().execute('truncate applied, dead_letter, inbox_message');
});

it('dead-letters an event whose handler keeps failing, applies the rest of the batch, and replays it once fixed', async () => {
  const before = await deadLetterCount();
  refused.add('坏公司');
  const batch = [created('甲公司'), created('坏公司'), created('乙公司')];

  const dead = await subscription.handle({ topic, envelopes: batch });

  expect(dead.map((d) => (d.envelope as EventEnvelope).id)).toEqual([batch[1]!.id]);
  expect(dead[0]!.error).toContain('cannot apply 坏公司 yet');
  expect(await appliedNames()).toEqual(['乙公司', '甲公司']);
  const [letter] = await openDeadLetters(orm, 'test.applied');
  expect(letter).toMatchObject({ eventType: 'customer.created', topic, error: 'cannot apply 坏公司 yet' });
  expect((await deadLetterCount()) - before).toBe(1);

  refused.clear();
  expect(await replayDeadLetters(orm, subscription)).toEqual({ applied: 1, failed: 0 });
  expect(await appliedNames()).toEqual(['乙公司', '坏公司', '甲公司']);
  expect(await openDeadLetters(orm, 'test.applied')).toEqual([]);
  // A replay of an already replayed letter, or a redelivery of the batch, changes nothing.
  expect(await replayDeadLetters(orm, subscription)).toEqual({ applied: 0, failed: 0 });
  expect(await subscription.handle({ topic, envelopes: batch })).toEqual([]);
  expect(await appliedNames()).toEqual(['乙公司', '坏公司', '甲公司']);
});

it('dead-letters what is not an event, or breaks the contract, at once and without retrying', async () => {
  const brokenPayload = { ...created('丙公司'), payload: { customerId: 'not-a-uuid', name: '丙公司' } };
  const nextMajor = created('丁公司', '2.0');
  const dead = await subscription.handle({ topic, envelopes: [{ unparseable: '{"id": oops' }, brokenPayload, nextMajor, created('戊公司')] });

  expect(dead.map((d) => d.error)).toEqual([
    expect.stringContaining('not an event envelope'),
    expect.stringContaining('does not match the catalogue'),
    expect.stringContaining('different major is a breaking change'),
  ]);
  expect(await appliedNames()).toEqual(['戊公司']);
  expect((await openDeadLetters(orm, 'test.applied')).map((l) => l.eventType)).toEqual([null, 'customer.created', 'customer.created']);
});

it('applies a newer minor version of an event, ignoring the fields it does not know', async () => {
  expect(await subscription.handle({ topic, envelopes: [created('己公司', '1.4', { industry: '制造业' })] })).toEqual([]);
  expect(await appliedNames()).toEqual(['己公司']);
});

it('keeps a topic moving in-process past a poison event, and resumes after it from the saved position', async () => {
  const bus = new InProcessEventBus(logger);
  const log = new OutboxLog(orm);
  bus.attachLog([topic], log);
  const relay = new OutboxRelay(orm, bus, logger, { log });
  await bus.subscribe(subscription);
  refused.add('毒公司');
  try {
    const em = orm.em.fork();
    for (const name of ['一公司', '毒公司', '二公司']) {
      recordEvent(em, 'customers', { type: Events.CustomerCreated, key: newId(), time: new Date(), payload: { customerId: newId(), name, ownerId: newId(), divisionCode: null } });
    }
    await em.flush();
    await relay.relayOnce();
    await eventually(async () => expect(await appliedNames()).toEqual(['一公司', '二公司']));
    expect(await bus.lag()).toBe(0);
    expect((await openDeadLetters(orm, 'test.applied')).length).toBe(1);
    const [last] = (await orm.em.fork().getConnection().execute('select max(position)::int as p from outbox_message')) as { p: number }[];
    expect(await subscription.position(topic)).toBe(last!.p);
  } finally {
    await bus.stop();
  }
});
