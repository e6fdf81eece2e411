import { canReach, DirectoryUser } from '@crm/identity/replica';
import { cutoffFor, InputException, parseId, parseInput, requireActor, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { RepOutOfReachException, UnknownRepException } from './new-customer-credit.exception';

const MAX_PERIOD_DAYS = 366;

const periodInput = z
  .object({ from: z.iso.date('must be a calendar day, YYYY-MM-DD'), to: z.iso.date('must be a calendar day, YYYY-MM-DD') })
  .refine(({ from, to }) => from <= to, { path: ['to'], message: 'must not be before from' });

/**
 * ANA-7 with FUN-9: a rep's new customers registered on Shanghai days `from` to `to`, credited
 * (CLEARED, APPROVED) or withheld (PENDING, REJECTED) as their latest review state stands. Visible
 * like the records the rep owns (ORG-2).
 */
export async function repNewCustomerCredit(em: EntityManager, actor: Actor | null, args: { userId: string; from: string; to: string }) {
  const { from, to } = parseInput(periodInput, { from: args.from, to: args.to });
  if (cutoffFor(from, { daysAfter: MAX_PERIOD_DAYS, at: '00:00' }) <= cutoffFor(to, { daysAfter: 0, at: '00:00' })) {
    throw new InputException(`to: a period spans at most ${MAX_PERIOD_DAYS} days`, 'to');
  }
  const userId = parseId(args.userId, 'userId');
  const person = await em.findOne(DirectoryUser, { id: userId });
  if (!person) throw new UnknownRepException(userId);
  if (!canReach(requireActor(actor), person)) throw new RepOutOfReachException(userId);
  const [counts] = (await em.getConnection().execute(
    `select count(*) filter (where state in ('CLEARED', 'APPROVED'))::int as credited,
            count(*) filter (where state in ('PENDING', 'REJECTED'))::int as withheld,
            count(*) filter (where state = 'PENDING')::int as pending
       from new_customer_credit where owner_id = ? and registered_day between ?::date and ?::date`,
    [userId, from, to],
  )) as { credited: number; withheld: number; pending: number }[];
  return { from, to, ...counts! };
}
