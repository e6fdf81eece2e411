import { Events, recordEvent } from '@crm/events';
import { fields, parseInput, requireRole, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { requireOrgUnit, type OrgUnit } from '../org-unit';
import { revokeSessions } from '../session';
import { User, UserNotFoundException, recordUserEvent } from '../user';
import { PersonOutOfReachException, SuccessorException } from './offboarding.exception';

const deactivateUserInput = z.object({ userId: fields.id('userId'), successorId: fields.id('successorId') });

const isUnder = (unit: OrgUnit, path: string) => unit.path === path || unit.path.startsWith(`${path}.`);

async function requirePersonInReach(em: EntityManager, actor: Actor, id: string, field: string) {
  const person = await em.findOne(User, { id });
  if (!person) throw new UserNotFoundException(id);
  const unit = await requireOrgUnit(em, person.orgUnitId);
  if (!isUnder(unit, actor.orgPath)) throw new PersonOutOfReachException(field);
  return { person, unit };
}

/**
 * ORG-7: someone leaves. A manager names a successor; the person can no longer sign in, and
 * their refresh tokens are revoked, and `user.deactivated` tells the other subgraphs to hand everything they owned to the successor.
 */
export async function deactivateUser(em: EntityManager, actor: Actor, input: unknown): Promise<User> {
  requireRole(actor, 'ADMIN', 'MANAGER');
  const { userId, successorId } = parseInput(deactivateUserInput, input);
  if (userId === successorId) throw new SuccessorException('a person cannot succeed themselves.', 'SUCCESSOR_IS_SELF');
  const { person, unit } = await requirePersonInReach(em, actor, userId, 'userId');
  const { person: successor } = await requirePersonInReach(em, actor, successorId, 'successorId');
  if (!successor.active) throw new SuccessorException(`${successor.displayName} is not active; pick an active successor.`, 'SUCCESSOR_INACTIVE');
  if (!person.active) return person;
  person.active = false;
  recordUserEvent(em, Events.UserUpdated, person, unit);
  recordEvent(em, 'identity', { type: Events.UserDeactivated, key: person.id, payload: { userId, successorId } });
  await em.flush();
  await revokeSessions(em, person.id);
  return person;
}
