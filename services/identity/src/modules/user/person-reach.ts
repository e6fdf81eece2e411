import { visibilityOf, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { requireOrgUnit, type OrgUnit } from '../org-unit';
import { User } from './user.entity';
import { PersonOutOfReachException, UserNotFoundException } from './user.exception';

/** The same reach as for owned records (ORG-2): managers their subtree, assistants their reps, everyone else themselves. */
function inReach(actor: Actor, person: User, unit: OrgUnit): boolean {
  const visibility = visibilityOf(actor);
  return visibility.scope === 'own'
    ? visibility.userIds.includes(person.id)
    : unit.path === visibility.path || unit.path.startsWith(`${visibility.path}.`);
}

/** A person within the actor's reach, with their unit; refused otherwise. */
export async function requirePersonInReach(em: EntityManager, actor: Actor, id: string, field: string) {
  const person = await em.findOne(User, { id });
  if (!person) throw new UserNotFoundException(id);
  const unit = await requireOrgUnit(em, person.orgUnitId);
  if (!inReach(actor, person, unit)) throw new PersonOutOfReachException(field);
  return { person, unit };
}
