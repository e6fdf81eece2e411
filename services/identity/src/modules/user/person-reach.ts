import { canReach, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { requireOrgUnit } from '../org-unit';
import { User } from './user.entity';
import { PersonOutOfReachException, UserNotFoundException } from './user.exception';

/** A person within the actor's reach (managers: their subtree; assistants: their reps; others: themselves), with their unit. */
export async function requirePersonInReach(em: EntityManager, actor: Actor, id: string, field: string) {
  const person = await em.findOne(User, { id });
  if (!person) throw new UserNotFoundException(id);
  const unit = await requireOrgUnit(em, person.orgUnitId);
  if (!canReach(actor, { id: person.id, orgPath: unit.path })) throw new PersonOutOfReachException(field);
  return { person, unit };
}
