import { Events } from '@crm/events';
import { createScope, fields, parseInput, requireActor, toConnection, type Actor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import { LockMode, type EntityDictionary, type EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { repsForProductLines } from '../../replica';
import { User, findPersonInReach, requirePersonInReach } from '../user';
import { ProductLineRep, SalesTeam, SalesTeamMember } from './sales-team.entity';
import { NotATeamMemberException, NotTheLeaderException, SalesTeamNotFoundException } from './sales-team.exception';
import { salesTeamPermissions } from './sales-team.permissions';

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

/** The team if the actor belongs to it or its leader is within their reach; null otherwise, as if it did not exist. */
export async function findSalesTeamInReach(em: EntityManager, actor: Actor | null, id: string): Promise<SalesTeam | null> {
  const team = await em.findOne(SalesTeam, { id });
  if (!team || !actor) return null;
  if (actor.teamIds?.includes(team.id)) return team;
  return (await findPersonInReach(em, actor, team.leaderId)) ? team : null;
}

export async function createSalesTeam(scope: Scope, input: unknown): Promise<SalesTeam> {
  const { em } = scope;
  const actor = requireActor(scope.actor);
  salesTeamPermissions.require(actor, 'sales_team.create');
  const data = parseInput(createSalesTeamInput, input);
  const memberIds = [...new Set([data.leaderId, ...data.memberIds])];
  for (const id of memberIds) await requirePersonInReach(em, actor, id, id === data.leaderId ? 'leaderId' : 'memberIds');
  const team = em.create(SalesTeam, { name: data.name, leaderId: data.leaderId, createdAt: scope.clock.now() });
  for (const userId of memberIds) em.create(SalesTeamMember, { teamId: team.id, userId });
  recordSalesTeamChanged(scope, team, memberIds, []);
  scope.audit({ subjectType: 'SalesTeam', subjectId: team.id, action: 'sales_team.created', after: { name: team.name, leaderId: team.leaderId, memberIds } });
  await em.flush();
  return team;
}

/** The whole team as it is now: `memberIds` with the leader, and every product line assigned. */
export function recordSalesTeamChanged(scope: Scope, team: SalesTeam, memberIds: string[], productLines: readonly { productLine: string; userId: string }[]): void {
  scope.recordEvent({
    type: Events.SalesTeamChanged,
    key: team.id,
    payload: { teamId: team.id, leaderId: team.leaderId, memberIds, productLines: productLines.map(({ productLine, userId }) => ({ productLine, userId })) },
  });
}

/** The teams a person belongs to (as leader or member), oldest first. */
export async function teamIdsOf(em: EntityManager, userId: string): Promise<string[]> {
  const memberships = await em.find(SalesTeamMember, { userId }, { orderBy: { teamId: 'asc' } });
  return memberships.map((m) => m.teamId);
}

/** The leader (or a manager above them) names the member who sells a product line. */
export async function assignProductLine(scope: Scope, input: unknown): Promise<SalesTeam> {
  const { em } = scope;
  const actor = requireActor(scope.actor);
  const data = parseInput(assignProductLineInput, input);
  const team = await requireSalesTeam(em, data.teamId);
  if (actor.userId !== team.leaderId) {
    if (!salesTeamPermissions.can(actor, 'sales_team.assign_product_line_for_leader')) throw new NotTheLeaderException();
    await requirePersonInReach(em, actor, team.leaderId, 'teamId');
  }
  if (!(await em.count(SalesTeamMember, { teamId: team.id, userId: data.userId }))) throw new NotATeamMemberException('userId');
  await em.transactional(async (tx) => {
    // One assignment per team at a time, so each event carries every line the one before it did.
    await tx.findOneOrFail(SalesTeam, { id: team.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    // Read before the upsert, which updates a loaded entity in place.
    const previousId = (await tx.findOne(ProductLineRep, { teamId: team.id, productLine: data.productLine }))?.userId ?? null;
    await tx.upsert(ProductLineRep, { teamId: team.id, productLine: data.productLine, userId: data.userId });
    if (previousId === data.userId) return;
    const txScope = createScope({ ...scope, em: tx });
    const members = await tx.find(SalesTeamMember, { teamId: team.id });
    recordSalesTeamChanged(txScope, team, members.map((member) => member.userId), await productLinesOf(tx, team.id));
    txScope.audit({
      subjectType: 'SalesTeam',
      subjectId: team.id,
      action: 'sales_team.product_line_assigned',
      before: { productLine: data.productLine, userId: previousId },
      after: { productLine: data.productLine, userId: data.userId },
    });
  });
  return team;
}

/** The rep for an order line of this product line, by the rule every subgraph applies to its replica. */
export async function repForProductLine(em: EntityManager, teamId: string, productLine: string): Promise<string> {
  const team = await requireSalesTeam(em, parseInput(fields.id('teamId'), teamId));
  return (await repsForProductLines(em, team.id, [productLine])).get(productLine)!;
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
