import { DateTime, Duration } from 'luxon';

/**
 * Where domain code gets "now". Rules such as "no visit for 10 days" take a Clock instead of
 * reading the wall clock, so tests move time with a ManualClock rather than waiting or back-dating
 * rows behind the code's back.
 */
export interface Clock {
  now(): Date;
}

/**
 * The one place in the codebase allowed to read the wall clock. Everything else receives a Clock,
 * which is what keeps time-dependent rules testable.
 */
export const systemClock: Clock = { now: () => new Date() };

export interface ClockAdvance {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

/** A clock that only moves when a test says so. */
export class ManualClock implements Clock {
  private millis: number;

  constructor(start: Date | string) {
    this.millis = toMillis(start);
  }

  /** A fresh Date each time, so a caller mutating it cannot move the clock. */
  now(): Date {
    return new Date(this.millis);
  }

  set(instant: Date | string): void {
    this.millis = toMillis(instant);
  }

  /** A day is a fixed 24 h: Asia/Shanghai has had no daylight saving since 1991, so nothing is lost. */
  advance(duration: ClockAdvance): void {
    this.millis += Duration.fromObject(duration).toMillis();
  }
}

/** Accepts only strings with an explicit offset: '2026-11-25T10:00' would mean different instants on differently configured machines. */
function toMillis(instant: Date | string): number {
  if (instant instanceof Date) {
    if (Number.isNaN(instant.getTime())) throw new RangeError('ManualClock: invalid Date');
    return instant.getTime();
  }
  const parsed = DateTime.fromISO(instant, { setZone: true });
  if (!parsed.isValid || !/T[\d:.,]+(Z|[+-]\d{2}(:?\d{2})?)$/i.test(instant)) {
    throw new RangeError(`ManualClock: "${instant}" is not an ISO instant with an offset (e.g. 2026-11-25T02:00:00Z)`);
  }
  return parsed.toMillis();
}
