import { cutoffFor, InputException, parseInput, SHANGHAI_ZONE, type RowCondition } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';

/** The longest period asked about at once: a year, leap day included. */
const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

/** Shanghai calendar days `from` to `to`, both included, as the half-open instants [start, end). */
export interface DayPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

const periodInput = z
  .object({ from: z.iso.date('must be a calendar day, YYYY-MM-DD'), to: z.iso.date('must be a calendar day, YYYY-MM-DD') })
  .refine(({ from, to }) => from <= to, { path: ['to'], message: 'must not be before from' });

export function parsePeriod(args: { from: string; to: string }): DayPeriod {
  const { from, to } = parseInput(periodInput, { from: args.from, to: args.to });
  const start = cutoffFor(from, { daysAfter: 0, at: '00:00' });
  const end = cutoffFor(to, { daysAfter: 1, at: '00:00' });
  if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * DAY_MS) throw new InputException(`to: a period spans at most ${MAX_PERIOD_DAYS} days`, 'to');
  return { from, to, start, end };
}

/** One person's raw figures: sums, so they add up over people and days. */
export interface Figures {
  customers: number;
  /** Their customers' scores added up, in tenths of a point (exact). */
  completenessTenths: number;
  interactions: number;
  onTime: number;
}

export const NO_FIGURES: Figures = { customers: 0, completenessTenths: 0, interactions: 0, onTime: 0 };

export const addFigures = (a: Figures, b: Figures): Figures => ({
  customers: a.customers + b.customers,
  completenessTenths: a.completenessTenths + b.completenessTenths,
  interactions: a.interactions + b.interactions,
  onTime: a.onTime + b.onTime,
});

/**
 * CUS-7's timeliness rule in SQL, for counting many at once: interaction `i` is on time when entered
 * by 10:00 Shanghai time on the calendar day after the Shanghai day it happened. "By 10:00" means
 * before it, as the platform's `isLate` reads every such cut-off; 10:00:00 itself is late.
 */
const ON_TIME = `i.created_at < ((i.occurred_at at time zone '${SHANGHAI_ZONE}')::date + 1 + time '10:00') at time zone '${SHANGHAI_ZONE}'`;

export interface PersonFigures extends Figures {
  userId: string;
  unitId: string;
}

/**
 * The figures of each person `people` selects (`id` and `org_unit_id` of directory_user), by id,
 * in one statement: completeness over the customers they own now that have a score,
 * timeliness over the interactions they logged that happened in the period.
 */
export async function figuresOfPeople(em: EntityManager, people: RowCondition, period: { start: Date; end: Date }): Promise<PersonFigures[]> {
  const rows = (await em.getConnection().execute(
    `with people as materialized (${people.sql}),
     books as (select c.owner_id as user_id, count(*)::int as customers, (sum(s.score) * 10)::bigint as tenths
                 from customer c join customer_completeness s on s.customer_id = c.id
                where c.merged_into_id is null and c.owner_id in (select id from people) group by c.owner_id),
     logged as (select i.logged_by_id as user_id, count(*)::int as interactions, (count(*) filter (where ${ON_TIME}))::int as on_time
                  from interaction i
                 where i.logged_by_id in (select id from people) and i.occurred_at >= ? and i.occurred_at < ? group by i.logged_by_id)
     select p.id, p.org_unit_id, coalesce(b.customers, 0) as customers, coalesce(b.tenths, 0) as tenths,
            coalesce(l.interactions, 0) as interactions, coalesce(l.on_time, 0) as on_time
       from people p left join books b on b.user_id = p.id left join logged l on l.user_id = p.id
      order by p.id`,
    [...people.params, period.start, period.end],
    'all',
    em.getTransactionContext(),
  )) as { id: string; org_unit_id: string; customers: number; tenths: string | number; interactions: number; on_time: number }[];
  return rows.map((row) => ({ userId: row.id, unitId: row.org_unit_id, customers: row.customers, completenessTenths: Number(row.tenths), interactions: row.interactions, onTime: row.on_time }));
}

/** As GraphQL shows figures: averages and shares in percent with one decimal, null when there is nothing to divide. */
export function shownFigures(period: DayPeriod, figures: Figures) {
  return {
    from: period.from,
    to: period.to,
    customers: figures.customers,
    completeness: figures.customers ? Math.round(figures.completenessTenths / figures.customers) / 10 : null,
    interactions: figures.interactions,
    onTime: figures.onTime,
    timeliness: figures.interactions ? Math.round((1000 * figures.onTime) / figures.interactions) / 10 : null,
  };
}
