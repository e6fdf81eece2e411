import { Events, recordEvent } from '@crm/events';
import { fields, parseInput, requireRole, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { revokeSessions } from '../session';
import { recordUserEvent, requirePersonInReach, type User } from '../user';
import { SuccessorException } from './offboarding.exception';

const deactivateUserInput = z.object({ userId: fields.id('userId'), successorId: fields.id('successorId') });

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
  person.employmentStatus = 'LEFT';
  recordUserEvent(em, Events.UserUpdated, person, unit);
  recordEvent(em, 'identity', { type: Events.UserDeactivated, key: person.id, payload: { userId, successorId } });
  await em.flush();
  await revokeSessions(em, person.id);
  return person;
}
