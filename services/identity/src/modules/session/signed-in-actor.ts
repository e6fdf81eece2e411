import type { Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { requireOrgUnit } from '../org-unit';
import { teamIdsOf } from '../sales-team';
import { User } from '../user';

/**
 * The signed-in person as identity knows them now, whatever their token says: a move, a new team or
 * new reps to assist apply from the next request. Null for a deactivated (or deleted) person.
 */
export async function signedInActor(em: EntityManager, token: Actor): Promise<Actor | null> {
  const user = await em.findOne(User, { id: token.userId, active: true });
  if (!user) return null;
  const unit = await requireOrgUnit(em, user.orgUnitId);
  return {
    userId: user.id,
    orgUnitId: unit.id,
    orgPath: unit.path,
    roles: user.roles,
    supports: user.supports,
    teamIds: await teamIdsOf(em, user.id),
  };
}
