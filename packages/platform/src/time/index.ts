export { ManualClock, systemClock, type Clock, type ClockAdvance } from './clock';
export {
  cutoffFor,
  isLate,
  PERIOD_KINDS,
  periodOf,
  periodsBetween,
  previousPeriod,
  SHANGHAI_ZONE,
  shanghaiDate,
  shanghaiDaysBetween,
  type CutoffRule,
  type Period,
  type PeriodKind,
} from './shanghai-calendar';
