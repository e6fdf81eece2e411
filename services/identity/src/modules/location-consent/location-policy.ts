import type { LocationRefusal } from '../../generated/graphql';

/**
 * ORG-8: location data only from company devices, of people who consented, within working hours.
 * Working hours are Shanghai wall-clock time (China has no daylight saving, so a fixed offset).
 * The reasons for a refusal are the SDL's `LocationRefusal`.
 */
export type { LocationRefusal };

export interface WorkingHours {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Minutes after local midnight; the end is exclusive. */
  startMinute: number;
  endMinute: number;
}

export interface LocationFacts {
  active: boolean;
  consented: boolean;
  companyDevice: boolean;
  hours: WorkingHours | null;
  at: Date;
}

const SHANGHAI_OFFSET_MINUTES = 8 * 60;

export function shanghaiWeekdayAndMinute(at: Date): { weekday: number; minute: number } {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000);
  return { weekday: ((local.getUTCDay() + 6) % 7) + 1, minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

export function withinWorkingHours(hours: WorkingHours, at: Date): boolean {
  const { weekday, minute } = shanghaiWeekdayAndMinute(at);
  return hours.weekdays.includes(weekday) && minute >= hours.startMinute && minute < hours.endMinute;
}

/** The first reason location may not be recorded, or null when it may. */
export function locationRefusal(facts: LocationFacts): LocationRefusal | null {
  if (!facts.active) return 'INACTIVE';
  if (!facts.consented) return 'NO_CONSENT';
  if (!facts.companyDevice) return 'NOT_COMPANY_DEVICE';
  if (!facts.hours || !withinWorkingHours(facts.hours, facts.at)) return 'OUTSIDE_WORKING_HOURS';
  return null;
}
