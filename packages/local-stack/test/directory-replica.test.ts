import { Events, catalogue, eventsMigrations, toSubscription, type EventPayload, type EventType, type Subscription } from '@crm/events';
import { createLogger, createOrm, newId } from '@crm/platform';
import { identityReplica } from '@crm/identity/replica';
import { testDatabaseUrl, uniqueDatabasePrefix } from '@crm/testing';
import type { MikroORM } from '@mikro-orm/core';

/**
 * Identity's unit and user events travel on different topics, so a subgraph may see them in
 * either order, and any of them twice. Whatever the order, the replica must end where identity is.
 */
let orm: MikroORM;
let replica: Subscription;

beforeAll(async () => {
  orm = await createOrm({
    name: 'directory-replica-test',
    databaseUrl: testDatabaseUrl(`${uniqueDatabasePrefix()}directory`),
    entities: [...identityReplica.entities],
    migrations: [...eventsMigrations, ...identityReplica.migrations],
    logger: createLogger('directory-replica-test', 'error'),
  });
  replica = toSubscription(orm, 'test', identityReplica.consumers[0]!, { logger: createLogger('directory-replica-test', 'error') });
});

afterAll(async () => {
  await orm?.close();
});

function event<T extends EventType>(type: T, key: string, payload: EventPayload<T>) {
  return { id: newId(), type, version: '1.0', source: 'identity', time: new Date().toISOString(), key, payload };
}

/** Delivers events one at a time, each as its topic would. */
async function deliver(events: ReturnType<typeof event>[]): Promise<void> {
  for (const e of events) await replica.handle({ topic: catalogue[e.type].topic, envelopes: [e] });
}

async function pathOf(userId: string): Promise<string | undefined> {
  const [row] = (await orm.em.fork().getConnection().execute('select org_path::text as path from directory_user where id = ?', [userId])) as { path: string }[];
  return row?.path;
}

/** A region with one team and one rep in it, and the events identity records when the region moves. */
function reorg() {
  const region = newId();
  const team = newId();
  const userId = newId();
  const from = `hq.r${region.slice(-6)}`;
  const to = `hq.moved.r${region.slice(-6)}`;
  const rep = (orgPath: string) => ({ userId, email: `${userId}@x.cn`, displayName: '销售', orgUnitId: team, orgPath, roles: ['REP'], active: true, supports: [] });
  return {
    userId,
    to,
    regionCreated: event(Events.OrgUnitCreated, 'org-tree', { orgUnitId: region, path: from }),
    teamCreated: event(Events.OrgUnitCreated, 'org-tree', { orgUnitId: team, path: `${from}.team1` }),
    userCreated: event(Events.UserCreated, userId, rep(`${from}.team1`)),
    moved: event(Events.OrgUnitMoved, 'org-tree', { orgUnitId: region, fromPath: from, toPath: to }),
    // Recorded before the move (say, a rename), delivered after it: its path is stale.
    staleUpdate: event(Events.UserUpdated, userId, rep(`${from}.team1`)),
  };
}

it('places a person by their unit when the user event comes after the move', async () => {
  const r = reorg();
  await deliver([r.regionCreated, r.teamCreated, r.moved, r.userCreated]);
  expect(await pathOf(r.userId)).toBe(`${r.to}.team1`);
});

it('places a person by their unit when the user event comes before the unit is known', async () => {
  const r = reorg();
  await deliver([r.userCreated, r.regionCreated, r.teamCreated, r.moved]);
  expect(await pathOf(r.userId)).toBe(`${r.to}.team1`);
});

it('does not let a stale user event undo a move', async () => {
  const r = reorg();
  await deliver([r.regionCreated, r.teamCreated, r.userCreated, r.moved, r.staleUpdate]);
  expect(await pathOf(r.userId)).toBe(`${r.to}.team1`);
});

it('ignores a move delivered again after the region moved back', async () => {
  const r = reorg();
  const back = event(Events.OrgUnitMoved, 'org-tree', { ...r.moved.payload, fromPath: r.moved.payload.toPath, toPath: r.moved.payload.fromPath });
  await deliver([r.regionCreated, r.teamCreated, r.userCreated, r.moved, back, r.moved]);
  expect(await pathOf(r.userId)).toBe(`${r.moved.payload.fromPath}.team1`);
});
