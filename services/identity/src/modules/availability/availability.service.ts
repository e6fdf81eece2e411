import { Events, recordEvent } from '@crm/events';
import { fields, parseInput, resolveHandler, type Actor, type HandlerLookups } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { User, requirePersonInReach } from '../user';
import { LeavePeriod } from './leave-period.entity';

const recordLeaveInput = z
  .object({ userId: fields.id('userId'), from: z.date(), to: z.date() })
  .refine((leave) => leave.to > leave.from, { message: 'must be after from', path: ['to'] });
const whoHandlesInput = z.object({ primaryId: fields.id('primaryId'), secondaryId: fields.id('secondaryId').nullish(), at: z.date().nullish() });

/** A person records their own leave; a manager may record it for people in their reach. */
export async function recordLeave(em: EntityManager, actor: Actor, input: unknown): Promise<LeavePeriod> {
  const data = parseInput(recordLeaveInput, input);
  await requirePersonInReach(em, actor, data.userId, 'userId');
  const leave = em.create(LeavePeriod, { userId: data.userId, startsAt: data.from, endsAt: data.to });
  recordEvent(em, 'identity', {
    type: Events.LeaveRecorded,
    key: data.userId,
    payload: { leaveId: leave.id, userId: data.userId, from: data.from.toISOString(), to: data.to.toISOString() },
  });
  await em.flush();
  return leave;
}

function identityLookups(em: EntityManager): HandlerLookups {
  return {
    isAvailable: async (userId, at) =>
      (await em.count(User, { id: userId, active: true })) > 0 &&
      (await em.count(LeavePeriod, { userId, startsAt: { $lte: at }, endsAt: { $gt: at } })) === 0,
    teamLeaderOf: async (userId) => {
      const [row] = (await em.getConnection().execute(
        `select t.leader_id from sales_team t join sales_team_member m on m.team_id = t.id
          where m.user_id = ? and t.leader_id <> ? order by t.id limit 1`,
        [userId, userId],
      )) as { leader_id: string }[];
      return row?.leader_id ?? null;
    },
    managersAbove: async (userId) => {
      const rows = (await em.getConnection().execute(
        `select u.id from app_user u join org_unit o on o.id = u.org_unit_id
          where o.path @> (select po.path from app_user p join org_unit po on po.id = p.org_unit_id where p.id = ?)
            and u.roles && array['MANAGER', 'TEAM_LEAD'] and u.id <> ?
          order by nlevel(o.path) desc, u.id`,
        [userId, userId],
      )) as { id: string }[];
      return rows.map((row) => row.id);
    },
  };
}

/** ORG-5: who handles the work of a record with these owners at an instant (default now). */
export async function whoHandles(em: EntityManager, input: unknown) {
  const data = parseInput(whoHandlesInput, input);
  const handler = await resolveHandler(identityLookups(em), data, data.at ?? new Date());
  if (!handler) return null;
  return { user: await em.findOneOrFail(User, { id: handler.userId }), route: handler.route };
}
