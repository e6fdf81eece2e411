import { type Actor, type Scope } from '@crm/platform';
import { canReach, directoryHandlerLookups, requireSalesTeamInReach, resolveHandler } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import { poolLoadOf } from '../pool';
import { EmptyTeamException, NoEligibleRepException, OrgUnitOutOfReachException, UnknownOrgUnitException } from './assignment.exception';

/** Reps who share leads: an org unit's (at any depth) or a sales team's, active, by id. */
export interface Team {
  /** The round-robin cursor's key. */
  key: string;
  label: string;
  memberIds: string[];
}

export interface TeamRef {
  orgUnitId?: string | null;
  salesTeamId?: string | null;
}

const ids = async (em: EntityManager, sql: string, params: unknown[]) =>
  ((await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as { id: string }[]).map((row) => row.id);

async function orgUnitTeam(em: EntityManager, actor: Actor, unitId: string, field: string): Promise<Team> {
  const [unit] = (await em.getConnection().execute('select path from directory_org_unit where id = ?', [unitId], 'all', em.getTransactionContext())) as { path: string }[];
  if (!unit) throw new UnknownOrgUnitException(unitId, field);
  if (!canReach(actor, { id: unitId, orgPath: unit.path })) throw new OrgUnitOutOfReachException(unitId, field);
  const memberIds = await ids(em, `select id from directory_user where active and 'REP' = any(roles) and org_path <@ ?::ltree order by id`, [unit.path]);
  return { key: `org-unit:${unitId}`, label: `org unit ${unit.path}`, memberIds };
}

async function salesTeam(em: EntityManager, actor: Actor, teamId: string): Promise<Team> {
  await requireSalesTeamInReach(em, actor, teamId);
  const memberIds = await ids(
    em,
    `select u.id from directory_team_member m join directory_user u on u.id = m.user_id
      where m.team_id = ? and u.active and 'REP' = any(u.roles) order by u.id`,
    [teamId],
  );
  return { key: `sales-team:${teamId}`, label: `sales team ${teamId}`, memberIds };
}

/** The team named, within the actor's reach (a unit in their subtree, a team they lead or manage), with at least one active rep. */
export async function resolveTeam(em: EntityManager, actor: Actor, ref: TeamRef, field: string): Promise<Team> {
  const team = ref.orgUnitId ? await orgUnitTeam(em, actor, ref.orgUnitId, field) : await salesTeam(em, actor, ref.salesTeamId!);
  if (!team.memberIds.length) throw new EmptyTeamException(team.label, field);
  return team;
}

/**
 * The team's reps who can take leads now, in the team's order: not away — resolveHandler (ORG-5)
 * routes their own work to themselves, not to a stand-in — and with room in their private pool
 * (FUN-4). NO_ELIGIBLE_REP, saying why, when nobody is left.
 */
export async function eligibleReps(scope: Scope, team: Team): Promise<string[]> {
  const lookups = directoryHandlerLookups(scope.em);
  const at = scope.clock.now();
  const away: string[] = [];
  for (const userId of team.memberIds) {
    if ((await resolveHandler(lookups, { primaryId: userId }, at))?.route !== 'PRIMARY') away.push(userId);
  }
  const present = team.memberIds.filter((id) => !away.includes(id));
  const load = present.length ? await poolLoadOf(scope.em, present) : new Map<string, { capacity: number; held: number }>();
  const atCapacity = present.filter((id) => {
    const pool = load.get(id);
    return pool !== undefined && pool.held >= pool.capacity;
  });
  const eligible = present.filter((id) => !atCapacity.includes(id));
  if (!eligible.length) throw new NoEligibleRepException(team.label, away, atCapacity);
  return eligible;
}
