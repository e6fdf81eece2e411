import type { DemoCustomer } from './business';
import type { DemoUser } from './people';
import type { seededRandom } from './random';

export interface DemoSalesTeam {
  id: string;
  name: string;
  leaderId: string;
  /** The leader included. */
  memberIds: string[];
  productLines: { productLine: string; userId: string }[];
}

/**
 * One key-account team across two cities of the north (ORG-4): a Beijing lead with a Beijing and a
 * Tianjin rep, sharing the big company accounts of Beijing's second team.
 */
export function buildSalesTeams(users: readonly DemoUser[], customers: DemoCustomer[], random: ReturnType<typeof seededRandom>, at: Date): DemoSalesTeam[] {
  const byHandle = (handle: string) => users.find((u) => u.email === `${handle}@demo.crm`)!;
  const leader = byHandle('lead.north.beijing.team1');
  const beijingRep = byHandle('rep1.north.beijing.team1');
  const tianjinRep = byHandle('rep1.north.tianjin.team1');
  const team: DemoSalesTeam = {
    id: random.uuid(at),
    name: '华北大客户组',
    leaderId: leader.id,
    memberIds: [leader.id, beijingRep.id, tianjinRep.id],
    productLines: [
      { productLine: '工业设备', userId: beijingRep.id },
      { productLine: '耗材', userId: tianjinRep.id },
    ],
  };
  const accountOwners = new Set(users.filter((u) => u.orgPath === 'hq.north.beijing.team2').map((u) => u.id));
  for (const customer of customers.filter((c) => c.kind === 'COMPANY' && accountOwners.has(c.ownerId)).slice(0, 5)) customer.salesTeamId = team.id;
  return [team];
}
