import { demoData, type DemoUser } from '@crm/demo-data';
import type { Actor, Clock } from '@crm/platform';
import { startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { identitySubgraph } from '../../src';

const demo = demoData();

/** A demo person by the part of their e-mail before @demo.crm, e.g. `rep1.east.shanghai.team1`. */
export const person = (handle: string): DemoUser => {
  const found = demo.users.find((p) => p.email === `${handle}@demo.crm`);
  if (!found) throw new Error(`no demo person ${handle}`);
  return found;
};

/** A demo org unit by its path, e.g. `hq.east.shanghai`. */
export const orgUnit = (path: string) => {
  const found = demo.orgUnits.find((u) => u.path === path);
  if (!found) throw new Error(`no demo org unit ${path}`);
  return found;
};

/** What identity's token for a demo person says; identity itself re-reads the person on every request. */
export const actorOf = (user: DemoUser): Actor => ({
  userId: user.id,
  orgUnitId: user.orgUnitId,
  orgPath: user.orgPath,
  roles: user.roles,
  supports: user.supports,
});

/** The identity subgraph alone, on real PostgreSQL with the demo data seeded, reading "now" from `clock`. */
export async function startIdentity(clock: Clock): Promise<{ system: TestSubgraphs; url: string }> {
  const system = await startTestSubgraphs([identitySubgraph], { clock, seedDemoData: true });
  return { system, url: system.running.identity!.url };
}
