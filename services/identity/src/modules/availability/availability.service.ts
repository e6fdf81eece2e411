import { Events } from '@crm/events';
import { ForbiddenException, fields, parseInput, requireActor, type Scope } from '@crm/platform';
import { directoryHandlerLookups, resolveHandler } from '../../replica';
import { z } from 'zod';
import { User, actingFor, requirePersonInReach } from '../user';
import { availabilityPermissions } from './availability.permissions';
import { LeavePeriod } from './leave-period.entity';

const recordLeaveInput = z
  .object({ userId: fields.id('userId'), from: z.date(), to: z.date() })
  .refine((leave) => leave.to > leave.from, { message: 'must be after from', path: ['to'] });
const whoHandlesInput = z.object({ primaryId: fields.id('primaryId'), secondaryId: fields.id('secondaryId').nullish(), at: z.date().nullish() });

/** A person records their own leave; a manager may record it for people in their reach, an assistant for the reps they support — a team lead only their own. */
export async function recordLeave(scope: Scope, input: unknown): Promise<LeavePeriod> {
  const { em } = scope;
  const actor = requireActor(scope.actor);
  const data = parseInput(recordLeaveInput, input);
  const forSelfOrSupported = data.userId === actor.userId || actingFor(actor, data.userId) !== null;
  if (!forSelfOrSupported && !availabilityPermissions.can(actor, 'leave.record_for_others')) {
    throw new ForbiddenException(
      "userId: only the person themselves, a manager, or an assistant who supports them may record someone's leave.",
      'NOT_ALLOWED_TO_RECORD_LEAVE',
    );
  }
  await requirePersonInReach(em, actor, data.userId, 'userId');
  const leave = em.create(LeavePeriod, { userId: data.userId, startsAt: data.from, endsAt: data.to });
  scope.recordEvent({
    type: Events.LeaveRecorded,
    key: data.userId,
    payload: { leaveId: leave.id, userId: data.userId, from: data.from.toISOString(), to: data.to.toISOString() },
  });
  scope.audit({
    subjectType: 'User',
    subjectId: data.userId,
    action: 'user.leave_recorded',
    after: { leaveId: leave.id, from: leave.startsAt, to: leave.endsAt },
    onBehalfOf: actingFor(actor, data.userId),
  });
  await em.flush();
  return leave;
}

/**
 * ORG-5: who handles the work of a record with these owners at an instant (default now). The
 * lookups are the ones every subgraph uses on its directory replica; identity's database carries
 * the replica's tables as views over its own (see Migration20261125110900DirectoryViews).
 */
export async function whoHandles(scope: Scope, input: unknown) {
  const { em } = scope;
  const data = parseInput(whoHandlesInput, input);
  const handler = await resolveHandler(directoryHandlerLookups(em), data, data.at ?? scope.clock.now());
  if (!handler) return null;
  return { user: await em.findOneOrFail(User, { id: handler.userId }), route: handler.route };
}
