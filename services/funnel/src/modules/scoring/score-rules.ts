import { ScoreDimension, ScoringFactor } from '../../generated/graphql';
import { DIMENSION_OF, type ScoringRule } from './scoring.entity';

/** What rules look at for one lead or opportunity; instants as epoch milliseconds. */
export interface ScoreFacts {
  id: string;
  industry: string | null;
  companySize: string | null;
  divisionCode: string | null;
  source: string | null;
  /** The latest inquiry: the lead, or its customer's latest lead. */
  inquiryAt: number | null;
  /** Interactions with the customer other than visits. */
  interactions: readonly number[];
  visits: readonly number[];
  stageMoves: readonly number[];
}

export interface Contribution {
  label: string;
  factor: ScoringFactor;
  points: number;
}

export interface ComputedScore {
  recordId: string;
  value: number;
  fit: number;
  intent: number;
  explanation: Contribution[];
}

export const DAY_MS = 86_400_000;

type Rule = Pick<ScoringRule, 'factor' | 'values' | 'minCount' | 'withinDays' | 'points' | 'label'>;

const inWindow = (rule: Rule, now: number, at: number) => at > now - rule.withinDays! * DAY_MS && at <= now;
const countInWindow = (rule: Rule, now: number, times: readonly number[]) => times.filter((at) => inWindow(rule, now, at)).length >= rule.minCount!;
const isOneOf = (rule: Rule, value: string | null) => value !== null && rule.values.includes(value);

const HOLDS: Record<ScoringFactor, (rule: Rule, facts: ScoreFacts, now: number) => boolean> = {
  [ScoringFactor.Industry]: (rule, facts) => isOneOf(rule, facts.industry),
  [ScoringFactor.CompanySize]: (rule, facts) => isOneOf(rule, facts.companySize),
  [ScoringFactor.Source]: (rule, facts) => isOneOf(rule, facts.source),
  // A region is a division-code prefix: 31 is Shanghai, 3101 its city districts.
  [ScoringFactor.Region]: (rule, facts) => rule.values.some((prefix) => facts.divisionCode?.startsWith(prefix) ?? false),
  [ScoringFactor.RecentInteractions]: (rule, facts, now) => countInWindow(rule, now, facts.interactions),
  [ScoringFactor.Visits]: (rule, facts, now) => countInWindow(rule, now, facts.visits),
  [ScoringFactor.StageMoves]: (rule, facts, now) => countInWindow(rule, now, facts.stageMoves),
  [ScoringFactor.InquiryRecency]: (rule, facts, now) => facts.inquiryAt !== null && inWindow(rule, now, facts.inquiryAt),
};

/** The longest window any rule looks back over: older activity cannot count. */
export const lookBackDays = (rules: readonly Rule[]): number => Math.max(0, ...rules.map((rule) => rule.withinDays ?? 0));

/** FUN-3: every matching rule's points, added up per dimension; the score is their sum held to 0–100. */
export function scoreOf(rules: readonly Rule[], facts: ScoreFacts, now: number): ComputedScore {
  const explanation = rules.filter((rule) => HOLDS[rule.factor](rule, facts, now)).map(({ label, factor, points }) => ({ label, factor, points }));
  const sum = (dimension: ScoreDimension) => explanation.reduce((total, c) => total + (DIMENSION_OF[c.factor] === dimension ? c.points : 0), 0);
  const fit = sum(ScoreDimension.Fit);
  const intent = sum(ScoreDimension.Intent);
  return { recordId: facts.id, value: Math.min(100, Math.max(0, fit + intent)), fit, intent, explanation };
}
