import type { DemoUser } from '@crm/demo-data';
import { ManualClock } from '@crm/platform';
import { errorCodes, graphql, type TestSubgraphs } from '@crm/testing';
import { actorOf, person, startIdentity } from './support/identity';

/**
 * Who may record leave (`recordLeave`): the person themselves, a manager for people in their reach,
 * or an assistant for a rep they support (audited as on the rep's behalf). A team lead is not a
 * manager: leading a sales team gives no say over a member's leave.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');

const rep = person('rep1.east.shanghai.team1');
const otherTeamRep = person('rep1.east.shanghai.team2');
const teamLead = person('lead.east.shanghai.team1');
const manager = person('manager.east.shanghai');
const assistant = person('assistant.east.shanghai');

const LEAVE = 'mutation ($input: RecordLeaveInput!) { recordLeave(input: $input) { id } }';

let system: TestSubgraphs;
let url: string;

beforeAll(async () => {
  ({ system, url } = await startIdentity(clock));
}, 120_000);

afterAll(async () => system?.stop());

async function recordLeave(by: DemoUser, forPerson: DemoUser) {
  return graphql<{ recordLeave: { id: string } }>(url, LEAVE, {
    token: await system.tokenFor(actorOf(by)),
    variables: { input: { userId: forPerson.id, from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' } },
  });
}

it('refuses a team lead who is not a manager recording leave for a rep of their team', async () => {
  expect(teamLead.roles).not.toContain('MANAGER');
  const response = await recordLeave(teamLead, rep);
  expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  expect(response.data?.recordLeave ?? null).toBeNull();
});

it('refuses a rep recording leave for someone else', async () => {
  expect(errorCodes(await recordLeave(rep, otherTeamRep))).toEqual(['FORBIDDEN']);
});

it('lets a person record their own leave, a team lead included', async () => {
  expect((await recordLeave(rep, rep)).errors).toBeUndefined();
  expect((await recordLeave(teamLead, teamLead)).errors).toBeUndefined();
});

it('lets a manager record leave for people in their reach', async () => {
  expect((await recordLeave(manager, rep)).errors).toBeUndefined();
  expect((await recordLeave(manager, teamLead)).errors).toBeUndefined();
});

it('lets an assistant record leave for a rep they support, and no one else', async () => {
  expect(assistant.supports).toContain(rep.id);
  expect((await recordLeave(assistant, rep)).errors).toBeUndefined();
  expect(assistant.supports).not.toContain(otherTeamRep.id);
  expect(errorCodes(await recordLeave(assistant, otherTeamRep))).toEqual(['FORBIDDEN']);
});
