import { analyticsSubgraph } from '@crm/analytics';
import { Events, catalogue, toSubscription, type EventEnvelope, type EventPayload, type EventType } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { consumersOf, createLogger, newId, openSubgraphDatabase, type SubgraphDefinition } from '@crm/platform';
import { testDatabaseUrl, uniqueDatabasePrefix } from '@crm/testing';
import type { MikroORM } from '@mikro-orm/core';

/**
 * Hot consumers apply a run of events of one type with one statement. A batch mixing types and
 * touching one record several times must end exactly where applying the events one by one would.
 */
const logger = createLogger('batch-consumers-test', 'error');
const prefix = uniqueDatabasePrefix();
const orms: MikroORM[] = [];

async function subscriptionOf(definition: SubgraphDefinition, consumerName: string) {
  const orm = await openSubgraphDatabase(definition, testDatabaseUrl(`${prefix}${definition.name}`), logger);
  orms.push(orm);
  const consumer = consumersOf(definition).find((c) => c.name === consumerName)!;
  return { orm, subscription: toSubscription(orm, definition.name, consumer, { logger }) };
}

function event<T extends EventType>(type: T, key: string, payload: EventPayload<T>): EventEnvelope {
  return { id: newId(), type, version: catalogue[type].version, source: 'customers', time: new Date().toISOString(), key, payload };
}

const rows = async (orm: MikroORM, sql: string) => (await orm.em.fork().getConnection().execute(sql)) as Record<string, unknown>[];

afterAll(async () => {
  await Promise.all(orms.map((orm) => orm.close()));
});

const [a, b] = [newId(), newId()];
const [r1, r2, r3] = [newId(), newId(), newId()].sort();
/** Two customers created for r1, then A handed r1 → r2 → r3, in one batch. */
const batch = [
  event(Events.CustomerCreated, a, { customerId: a, name: '甲', ownerId: r1!, divisionCode: null }),
  event(Events.CustomerCreated, b, { customerId: b, name: '乙', ownerId: r1!, divisionCode: null }),
  event(Events.CustomerReassigned, a, { customerId: a, fromOwnerId: r1!, toOwnerId: r2!, secondaryOwnerId: r1! }),
  event(Events.CustomerReassigned, a, { customerId: a, fromOwnerId: r2!, toOwnerId: r3!, secondaryOwnerId: r2! }),
];
const topic = catalogue[Events.CustomerCreated].topic;

it('counts customers per owner from a mixed batch as one-by-one application would', async () => {
  const { orm, subscription } = await subscriptionOf(analyticsSubgraph, 'customer-count');
  expect(await subscription.handle({ topic, envelopes: batch })).toEqual([]);
  const counts = Object.fromEntries((await rows(orm, 'select owner_id, customer_count from owner_customer_count')).map((r) => [r.owner_id, r.customer_count]));
  expect(counts).toEqual({ [r1!]: 1, [r2!]: 0, [r3!]: 1 });
  // Delivered again: nothing changes.
  await subscription.handle({ topic, envelopes: batch });
  expect(await rows(orm, 'select sum(customer_count)::int as n from owner_customer_count')).toEqual([{ n: 2 }]);
});

it('keeps the last holder of a record handed over twice within one run', async () => {
  const { orm, subscription } = await subscriptionOf(identitySubgraph, 'open-work');
  expect(await subscription.handle({ topic, envelopes: batch })).toEqual([]);
  const holders = Object.fromEntries((await rows(orm, `select record_id, holder_id from open_work_item where kind = 'CUSTOMER'`)).map((r) => [r.record_id, r.holder_id]));
  expect(holders).toEqual({ [a]: r3, [b]: r1 });
});
