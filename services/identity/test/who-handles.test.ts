import type { DemoUser } from '@crm/demo-data';
import { ManualClock } from '@crm/platform';
import { graphql, type TestSubgraphs } from '@crm/testing';
import { actorOf, person, startIdentity } from './support/identity';

/**
 * ORG-5 answered by identity itself: `whoHandles` runs the same lookups as every other subgraph's
 * directory replica (here over views of identity's own tables), and "now" is the injectable clock.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');

// 华北大客户组: a Beijing lead with a Tianjin rep in the team.
const teamLeader = person('lead.north.beijing.team1');
const teamRep = person('rep1.north.tianjin.team1');
const tianjinLead = person('lead.north.tianjin.team1');
const tianjinManager = person('manager.north.tianjin');
const rep = person('rep1.east.shanghai.team1');
const lead = person('lead.east.shanghai.team1');

let system: TestSubgraphs;
let url: string;

const WHO = 'query ($p: ID!, $s: ID, $at: DateTime) { whoHandles(primaryId: $p, secondaryId: $s, at: $at) { user { id } route } }';
const LEAVE = 'mutation ($input: RecordLeaveInput!) { recordLeave(input: $input) { id } }';
const DEACTIVATE = 'mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { id } }';

async function whoHandles(primary: DemoUser, options: { secondary?: DemoUser; at?: string } = {}) {
  const response = await graphql<{ whoHandles: { user: { id: string }; route: string } | null }>(url, WHO, {
    token: await system.tokenFor(actorOf(rep)),
    variables: { p: primary.id, s: options.secondary?.id, at: options.at },
  });
  expect(response.errors).toBeUndefined();
  return response.data!.whoHandles && { userId: response.data!.whoHandles.user.id, route: response.data!.whoHandles.route };
}

async function recordLeave(user: DemoUser, from: string, to: string): Promise<void> {
  const response = await graphql(url, LEAVE, { token: await system.tokenFor(actorOf(user)), variables: { input: { userId: user.id, from, to } } });
  expect(response.errors).toBeUndefined();
}

beforeAll(async () => {
  ({ system, url } = await startIdentity(clock));
  await recordLeave(teamRep, '2026-11-25T00:00:00Z', '2026-11-27T00:00:00Z');
  await recordLeave(rep, '2026-11-25T00:00:00Z', '2026-11-26T00:00:00Z');
}, 120_000);

afterAll(async () => system?.stop());

it('routes an away member of a sales team to its leader, and back once the clock passes the leave', async () => {
  expect(await whoHandles(teamRep)).toEqual({ userId: teamLeader.id, route: 'TEAM_LEADER' });
  clock.set('2026-11-27T00:00:00Z');
  expect(await whoHandles(teamRep)).toEqual({ userId: teamRep.id, route: 'PRIMARY' });
  clock.set('2026-11-25T02:00:00Z');
});

it('asks at the given instant when there is one', async () => {
  expect(await whoHandles(teamRep, { at: '2026-11-28T00:00:00Z' })).toEqual({ userId: teamRep.id, route: 'PRIMARY' });
  expect(await whoHandles(rep, { at: '2026-11-25T12:00:00Z' })).toEqual({ userId: lead.id, route: 'MANAGER' });
});

it('prefers an available secondary owner to the team leader', async () => {
  expect(await whoHandles(teamRep, { secondary: tianjinLead })).toEqual({ userId: tianjinLead.id, route: 'SECONDARY' });
});

it('goes up the tree to the nearest available manager when the team leader is gone too', async () => {
  await recordLeave(teamLeader, '2026-11-25T00:00:00Z', '2026-11-26T00:00:00Z');
  // The Tianjin team's lead is the nearest: a TEAM_LEAD of the rep's own unit.
  expect(await whoHandles(teamRep)).toEqual({ userId: tianjinLead.id, route: 'MANAGER' });
  const deactivated = await graphql(url, DEACTIVATE, {
    token: await system.tokenFor(actorOf(tianjinManager)),
    variables: { input: { userId: tianjinLead.id, successorId: tianjinManager.id } },
  });
  expect(deactivated.errors).toBeUndefined();
  expect(await whoHandles(teamRep)).toEqual({ userId: tianjinManager.id, route: 'MANAGER' });
});
