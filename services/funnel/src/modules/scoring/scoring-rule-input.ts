import { fields, parseInput } from '@crm/platform';
import { z } from 'zod';
import { CompanySize, LeadSource, ScoringFactor } from '../../generated/graphql';
import { InvalidScoringRuleException } from './scoring.exception';

const ruleInput = z.object({
  factor: z.enum(ScoringFactor),
  values: z.array(fields.text(100)).max(50, 'at most 50 values').nullish(),
  minCount: z.number().int('must be a whole number').nullish(),
  withinDays: z.number().int('must be a whole number').nullish(),
  points: z.number().int('must be a whole number'),
  label: fields.text(60),
});

type RuleInput = z.infer<typeof ruleInput>;
type ConditionField = 'values' | 'minCount' | 'withinDays';

/** The condition each factor takes: values to match, or a count within days, or just days. */
const CONDITION_OF: Record<ScoringFactor, readonly ConditionField[]> = {
  [ScoringFactor.Industry]: ['values'],
  [ScoringFactor.CompanySize]: ['values'],
  [ScoringFactor.Region]: ['values'],
  [ScoringFactor.Source]: ['values'],
  [ScoringFactor.RecentInteractions]: ['minCount', 'withinDays'],
  [ScoringFactor.Visits]: ['minCount', 'withinDays'],
  [ScoringFactor.StageMoves]: ['minCount', 'withinDays'],
  [ScoringFactor.InquiryRecency]: ['withinDays'],
};

const RANGES: Record<Exclude<ConditionField, 'values'>, { min: number; max: number }> = {
  minCount: { min: 1, max: 1_000 },
  withinDays: { min: 1, max: 365 },
};

/** The values a fit factor knows, where they are a closed set or have a shape. */
const KNOWN_VALUE: Partial<Record<ScoringFactor, { test(value: string): boolean; says: string }>> = {
  [ScoringFactor.CompanySize]: { test: (value) => (Object.values(CompanySize) as string[]).includes(value), says: `one of ${Object.values(CompanySize).join(', ')}` },
  [ScoringFactor.Source]: { test: (value) => (Object.values(LeadSource) as string[]).includes(value), says: `one of ${Object.values(LeadSource).join(', ')}` },
  [ScoringFactor.Region]: { test: (value) => /^\d{2}(\d{2}){0,2}$/.test(value), says: 'a division-code prefix of 2, 4 or 6 digits' },
};

const given = (data: RuleInput, field: ConditionField) => (field === 'values' ? (data.values?.length ?? 0) > 0 : data[field] != null);

function checkCondition(data: RuleInput): void {
  const takes = CONDITION_OF[data.factor];
  for (const field of ['values', 'minCount', 'withinDays'] as const) {
    if (given(data, field) === takes.includes(field)) continue;
    throw new InvalidScoringRuleException(field, 'CONDITION_MISMATCH', takes.includes(field) ? `${data.factor} needs ${field}.` : `${data.factor} does not take ${field}; it takes ${takes.join(' and ')}.`);
  }
  for (const field of ['minCount', 'withinDays'] as const) {
    const value = data[field];
    const { min, max } = RANGES[field];
    if (value != null && (value < min || value > max)) throw new InvalidScoringRuleException(field, 'CONDITION_OUT_OF_RANGE', `${value} is not within ${min} to ${max}.`);
  }
  const known = KNOWN_VALUE[data.factor];
  const unknown = known && data.values?.find((value) => !known.test(value));
  if (known && unknown !== undefined) throw new InvalidScoringRuleException('values', 'UNKNOWN_VALUE', `${unknown} is not ${known.says}.`);
}

/** A rule as it is kept: the condition the factor takes, points −100..100 and not 0, values once each. */
export function parseRuleInput(input: unknown) {
  const data = parseInput(ruleInput, input);
  checkCondition(data);
  if (data.points === 0 || Math.abs(data.points) > 100) throw new InvalidScoringRuleException('points', 'POINTS_OUT_OF_RANGE', `${data.points} is not within −100 to 100, or is 0.`);
  return { factor: data.factor, values: [...new Set(data.values ?? [])], minCount: data.minCount ?? null, withinDays: data.withinDays ?? null, points: data.points, label: data.label };
}
