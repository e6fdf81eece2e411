import { DateTime } from 'luxon';
import { InputException } from '../errors';

/** Every business day, week and quarter of the CRM is one as seen in Shanghai, wherever the server runs. */
export const SHANGHAI_ZONE = 'Asia/Shanghai';

/** Declared once so a GraphQL enum can be built from the same list. */
export const PERIOD_KINDS = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Half-open [start, end): an instant equal to `end` already belongs to the next period. */
export interface Period {
  readonly kind: PeriodKind;
  readonly start: Date;
  readonly end: Date;
  readonly label: string;
}

const UNITS = { DAY: 'day', WEEK: 'week', MONTH: 'month', QUARTER: 'quarter', YEAR: 'year' } as const;

/** WEEK uses the ISO week-year (kkkk), not the calendar year: 2027-01-01 is in 2026-W53. */
const LABELS: Record<PeriodKind, string> = {
  DAY: 'yyyy-MM-dd',
  WEEK: "kkkk-'W'WW",
  MONTH: 'yyyy-MM',
  QUARTER: "yyyy-'Q'q",
  YEAR: 'yyyy',
};

function inShanghai(instant: Date): DateTime {
  const local = DateTime.fromJSDate(instant, { zone: SHANGHAI_ZONE });
  if (!local.isValid) throw new RangeError('Invalid Date passed to the Shanghai calendar');
  return local;
}

/** The period of `kind` containing `instant`; luxon's startOf('week') is the ISO Monday. */
export function periodOf(kind: PeriodKind, instant: Date): Period {
  const unit = UNITS[kind];
  const start = inShanghai(instant).startOf(unit);
  return { kind, start: start.toJSDate(), end: start.plus({ [unit]: 1 }).toJSDate(), label: start.toFormat(LABELS[kind]) };
}

export function previousPeriod(period: Period): Period {
  return periodOf(period.kind, new Date(period.start.getTime() - 1));
}

/**
 * Every period of `kind` overlapping the half-open range [from, to), oldest first: a report from
 * 1 Nov to 1 Feb (Shanghai midnights) covers Nov, Dec and Jan, not February.
 */
export function periodsBetween(kind: PeriodKind, from: Date, to: Date): Period[] {
  if (to.getTime() < from.getTime()) throw new InputException('The end of a date range cannot be before its start.');
  const periods: Period[] = [];
  if (to.getTime() === from.getTime()) return periods;
  for (let period = periodOf(kind, from); period.start.getTime() < to.getTime(); period = periodOf(kind, period.end)) {
    periods.push(period);
  }
  return periods;
}

/** The calendar day ('YYYY-MM-DD') a Shanghai office sees at `instant`. */
export function shanghaiDate(instant: Date): string {
  return inShanghai(instant).toFormat('yyyy-MM-dd');
}

/**
 * Whole Shanghai calendar days from `earlier` to `later`, for rules like "no visit for 10 days":
 * a visit at 23:59 counts as a day ago one minute later, as the sales rep would count it.
 */
export function shanghaiDaysBetween(earlier: Date, later: Date): number {
  return Math.round(inShanghai(later).startOf('day').diff(inShanghai(earlier).startOf('day'), 'days').days);
}

/** "Yesterday's records must be entered by 10:00 today" is { daysAfter: 1, at: '10:00' }. */
export interface CutoffRule {
  readonly daysAfter: number;
  /** HH:mm, Shanghai wall-clock time. */
  readonly at: string;
}

/** The instant records of `day` (YYYY-MM-DD in Shanghai) stop being on time. */
export function cutoffFor(day: string, rule: CutoffRule): Date {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(rule.at);
  if (!match || !Number.isInteger(rule.daysAfter) || rule.daysAfter < 0) {
    throw new RangeError(`Cut-off rule ${JSON.stringify(rule)} needs a whole daysAfter ≥ 0 and at as HH:mm`);
  }
  return parseDay(day)
    .plus({ days: rule.daysAfter })
    .set({ hour: Number(match[1]), minute: Number(match[2]) })
    .toJSDate();
}

/** "By 10:00" means before it: entered at 10:00:00 exactly is late. */
export function isLate(recordDay: string, enteredAt: Date, rule: CutoffRule): boolean {
  return enteredAt.getTime() >= cutoffFor(recordDay, rule).getTime();
}

/** A day often comes from a request (the day a report is for), so a malformed one is the user's error. */
function parseDay(day: string): DateTime {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(day) ? DateTime.fromISO(day, { zone: SHANGHAI_ZONE }) : undefined;
  if (!parsed?.isValid) throw new InputException(`"${day}" is not a calendar day; expected YYYY-MM-DD, e.g. 2026-11-25.`);
  return parsed;
}
