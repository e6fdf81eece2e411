import { CronExpressionParser } from 'cron-parser';
import { SHANGHAI_ZONE } from '../time';

/** The latest instant at or before `now` that a five-field cron expression, read in Asia/Shanghai, names. */
export function latestTick(schedule: string, now: Date): Date {
  // prev() is strictly before currentDate, so ask from just after now to include a tick at exactly now.
  const interval = CronExpressionParser.parse(schedule, { currentDate: new Date(now.getTime() + 1), tz: SHANGHAI_ZONE });
  return interval.prev().toDate();
}

export function nextTick(schedule: string, now: Date): Date {
  return CronExpressionParser.parse(schedule, { currentDate: now, tz: SHANGHAI_ZONE }).next().toDate();
}

/** Refuses a schedule cron-parser cannot read, or one with seconds: ticks are whole minutes. */
export function assertSchedule(kind: string, schedule: string): void {
  if (schedule.trim().split(/\s+/).length !== 5) throw new Error(`Job ${kind}: schedule "${schedule}" must have five fields (minute hour day month weekday)`);
  CronExpressionParser.parse(schedule, { tz: SHANGHAI_ZONE });
}
