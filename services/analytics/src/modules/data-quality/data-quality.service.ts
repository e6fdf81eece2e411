import { canReach, DirectoryUser } from '@crm/identity/replica';
import { cutoffFor, InputException, parseId, parseInput, requireActor, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { PersonOutOfReachException, UnknownPersonException } from './data-quality.exception';

const MAX_PERIOD_DAYS = 366;

const periodInput = z
  .object({ from: z.iso.date('must be a calendar day, YYYY-MM-DD'), to: z.iso.date('must be a calendar day, YYYY-MM-DD') })
  .refine(({ from, to }) => from <= to, { path: ['to'], message: 'must not be before from' });

/**
 * ANA-7: a rep's data quality over Shanghai days `from` to `to` (both included), summed from the
 * daily measures: completeness weighted by customer-days, timeliness over all the period's
 * interactions. Visible like the records the rep owns (ORG-2).
 */
export async function repDataQualityKpi(em: EntityManager, actor: Actor | null, args: { userId: string; from: string; to: string }) {
  const { from, to } = parseInput(periodInput, { from: args.from, to: args.to });
  if (cutoffFor(from, { daysAfter: MAX_PERIOD_DAYS, at: '00:00' }) <= cutoffFor(to, { daysAfter: 0, at: '00:00' })) {
    throw new InputException(`to: a period spans at most ${MAX_PERIOD_DAYS} days`, 'to');
  }
  const userId = parseId(args.userId, 'userId');
  const person = await em.findOne(DirectoryUser, { id: userId });
  if (!person) throw new UnknownPersonException(userId);
  if (!canReach(requireActor(actor), person)) throw new PersonOutOfReachException(userId);
  const [sums] = (await em.getConnection().execute(
    `select count(*)::int as days, coalesce(sum(customers), 0)::bigint as customer_days, coalesce(sum(completeness_sum), 0)::text as completeness_sum,
            coalesce(sum(interactions), 0)::bigint as interactions, coalesce(sum(on_time), 0)::bigint as on_time
       from rep_data_quality_day where user_id = ? and day between ?::date and ?::date`,
    [userId, from, to],
  )) as { days: number; customer_days: string; completeness_sum: string; interactions: string; on_time: string }[];
  const customerDays = Number(sums!.customer_days);
  const interactions = Number(sums!.interactions);
  const onTime = Number(sums!.on_time);
  // Tenths are whole numbers, so the average is rounded from exact figures.
  const tenths = Math.round(Number(sums!.completeness_sum) * 10);
  return {
    from,
    to,
    days: sums!.days,
    customerDays,
    completeness: customerDays ? Math.round(tenths / customerDays) / 10 : null,
    interactions,
    onTime,
    timeliness: interactions ? Math.round((1000 * onTime) / interactions) / 10 : null,
  };
}
