import { Events } from '@crm/events';
import { fields, parseInput, requireActor, type Scope } from '@crm/platform';
import { z } from 'zod';
import { revokeSessions } from '../session';
import { recordUserEvent, requirePersonInReach, type User } from '../user';
import { SuccessorException } from './offboarding.exception';
import { offboardingPermissions } from './offboarding.permissions';

const deactivateUserInput = z.object({ userId: fields.id('userId'), successorId: fields.id('successorId') });

/**
 * ORG-7: someone leaves. A manager names a successor; the person can no longer sign in, and
 * their refresh tokens are revoked, and `user.deactivated` tells the other subgraphs to hand everything they owned to the successor.
 */
export async function deactivateUser(scope: Scope, input: unknown): Promise<User> {
  const { em, clock } = scope;
  const actor = requireActor(scope.actor);
  offboardingPermissions.require(actor, 'user.deactivate');
  const { userId, successorId } = parseInput(deactivateUserInput, input);
  if (userId === successorId) throw new SuccessorException('a person cannot succeed themselves.', 'SUCCESSOR_IS_SELF');
  const { person, unit } = await requirePersonInReach(em, actor, userId, 'userId');
  const { person: successor } = await requirePersonInReach(em, actor, successorId, 'successorId');
  if (!successor.active) throw new SuccessorException(`${successor.displayName} is not active; pick an active successor.`, 'SUCCESSOR_INACTIVE');
  if (!person.active) return person;
  const before = { active: person.active, employmentStatus: person.employmentStatus };
  person.active = false;
  person.employmentStatus = 'LEFT';
  recordUserEvent(scope, Events.UserUpdated, person, unit);
  scope.recordEvent({ type: Events.UserDeactivated, key: person.id, payload: { userId, successorId } });
  scope.audit({
    subjectType: 'User',
    subjectId: person.id,
    action: 'user.deactivated',
    before,
    // The successor is part of what was decided: everything the leaver held goes to them.
    after: { active: false, employmentStatus: 'LEFT', successorId },
  });
  await em.flush();
  await revokeSessions(em, person.id, clock.now());
  return person;
}
