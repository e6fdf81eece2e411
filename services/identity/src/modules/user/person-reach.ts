import { type Actor } from '@crm/platform';
import { canReach } from '../../replica';
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

/** The person if they are within the actor's reach; null otherwise, as if they did not exist (reads such as an audit trail). */
export async function findPersonInReach(em: EntityManager, actor: Actor | null, id: string): Promise<User | null> {
  const person = await em.findOne(User, { id });
  if (!person || !actor) return null;
  const unit = await requireOrgUnit(em, person.orgUnitId);
  return canReach(actor, { id: person.id, orgPath: unit.path }) ? person : null;
}

/** The rep an assistant acts for when they write for someone they support (ORG-6); null when acting for themselves or as a manager. */
export function actingFor(actor: Actor, personId: string): string | null {
  return personId !== actor.userId && (actor.supports ?? []).includes(personId) ? personId : null;
}
