import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { ScoreDimension, ScoringFactor } from '../../generated/graphql';

/** What a rule's factor looks at: the lead's own fields (FIT), or what happened lately (INTENT). */
export const DIMENSION_OF: Record<ScoringFactor, ScoreDimension> = {
  [ScoringFactor.Industry]: ScoreDimension.Fit,
  [ScoringFactor.CompanySize]: ScoreDimension.Fit,
  [ScoringFactor.Region]: ScoreDimension.Fit,
  [ScoringFactor.Source]: ScoreDimension.Fit,
  [ScoringFactor.RecentInteractions]: ScoreDimension.Intent,
  [ScoringFactor.Visits]: ScoreDimension.Intent,
  [ScoringFactor.StageMoves]: ScoreDimension.Intent,
  [ScoringFactor.InquiryRecency]: ScoreDimension.Intent,
};

/** A rule of FUN-3: its points go to every lead and opportunity its factor's condition holds for. */
export class ScoringRule {
  [OptionalProps]?: 'id' | 'values' | 'minCount' | 'withinDays';
  id: string = newId();
  factor!: ScoringFactor;
  /** Fit factors: the values that match; empty for intent factors. */
  values: string[] = [];
  /** Counting factors: at least this many within `withinDays`. */
  minCount: number | null = null;
  /** Intent factors: the window, in days up to now. */
  withinDays: number | null = null;
  points!: number;
  label!: string;
  createdAt!: Date;
  updatedAt!: Date;
}

export const ScoringRuleSchema = new EntitySchema<ScoringRule>({
  class: ScoringRule,
  tableName: 'scoring_rule',
  properties: {
    id: { type: 'uuid', primary: true },
    factor: { type: 'string' },
    values: { type: 'json', fieldName: 'match_values' },
    minCount: { type: 'integer', nullable: true },
    withinDays: { type: 'integer', nullable: true },
    points: { type: 'integer' },
    label: { type: 'string' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});
