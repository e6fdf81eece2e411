import { Events, recordEvent } from '@crm/events';
import { fields, parseInput, requireRole, toConnection, type Actor, type Connection, type PageRequest } from '@crm/platform';
import type { EntityDictionary, EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { User, requirePersonInReach } from '../user';
import { ProductLineRep, SalesTeam, SalesTeamMember } from './sales-team.entity';
import { NotATeamMemberException, NotTheLeaderException, SalesTeamNotFoundException } from './sales-team.exception';

const createSalesTeamInput = z.object({
  name: fields.text(100),
  leaderId: fields.id('leaderId'),
  memberIds: z.array(fields.id('memberIds')).max(200, 'must list at most 200 members'),
});
const assignProductLineInput = z.object({ teamId: fields.id('teamId'), productLine: fields.text(100), userId: fields.id('userId') });

export async function requireSalesTeam(em: EntityManager, id: string): Promise<SalesTeam> {
  const team = await em.findOne(SalesTeam, { id });
  if (!team) throw new SalesTeamNotFoundException(id);
  return team;
}

export async function createSalesTeam(em: EntityManager, actor: Actor, input: unknown): Promise<SalesTeam> {
  requireRole(actor, 'ADMIN', 'MANAGER');
  const data = parseInput(createSalesTeamInput, input);
  const memberIds = [...new Set([data.leaderId, ...data.memberIds])];
  for (const id of memberIds) await requirePersonInReach(em, actor, id, id === data.leaderId ? 'leaderId' : 'memberIds');
  const team = em.create(SalesTeam, { name: data.name, leaderId: data.leaderId });
  for (const userId of memberIds) em.create(SalesTeamMember, { teamId: team.id, userId });
  recordSalesTeamChanged(em, team, memberIds);
  await em.flush();
  return team;
}

/** `memberIds`: the whole team as it is now, leader included. */
export function recordSalesTeamChanged(em: EntityManager, team: SalesTeam, memberIds: string[]): void {
  recordEvent(em, 'identity', { type: Events.SalesTeamChanged, key: team.id, payload: { teamId: team.id, leaderId: team.leaderId, memberIds } });
}

/** The teams a person belongs to (as leader or member), oldest first. */
export async function teamIdsOf(em: EntityManager, userId: string): Promise<string[]> {
  const memberships = await em.find(SalesTeamMember, { userId }, { orderBy: { teamId: 'asc' } });
  return memberships.map((m) => m.teamId);
}

/** The leader (or a manager above them) names the member who sells a product line. */
export async function assignProductLine(em: EntityManager, actor: Actor, input: unknown): Promise<SalesTeam> {
  const data = parseInput(assignProductLineInput, input);
  const team = await requireSalesTeam(em, data.teamId);
  if (actor.userId !== team.leaderId) {
    if (!actor.roles.some((r) => r === 'ADMIN' || r === 'MANAGER')) throw new NotTheLeaderException();
    await requirePersonInReach(em, actor, team.leaderId, 'teamId');
  }
  if (!(await em.count(SalesTeamMember, { teamId: team.id, userId: data.userId }))) throw new NotATeamMemberException('userId');
  await em.upsert(ProductLineRep, { teamId: team.id, productLine: data.productLine, userId: data.userId });
  return team;
}

/** The rep for an order line of this product line: the assigned member, else the leader. */
export async function repForProductLine(em: EntityManager, teamId: string, productLine: string): Promise<string> {
  const team = await requireSalesTeam(em, parseInput(fields.id('teamId'), teamId));
  return (await em.findOne(ProductLineRep, { teamId: team.id, productLine }))?.userId ?? team.leaderId;
}

export async function teamMembers(em: EntityManager, teamId: string, page: PageRequest): Promise<Connection<User>> {
  const rows = (await em.getConnection().execute(
    `select u.* from app_user u join sales_team_member m on m.user_id = u.id
      where m.team_id = ? and (?::uuid is null or u.id < ?) order by u.id desc limit ?`,
    [teamId, page.afterId ?? null, page.afterId ?? null, page.first + 1],
  )) as EntityDictionary<User>[];
  return toConnection(
    rows.map((row) => em.map(User, row)),
    page,
  );
}

export const productLinesOf = (em: EntityManager, teamId: string) => em.find(ProductLineRep, { teamId }, { orderBy: { productLine: 'asc' } });

