import { fields, Money } from '@crm/platform';
import { z } from 'zod';
import type { OpportunityField } from '../../generated/graphql';
import { STAGE_FIELDS, type Opportunity } from './opportunity.entity';

/** The stage fields as an input takes them: all optional, a given one overwrites. */
export const stageFieldInput = {
  amount: z
    .custom<Money>((value) => value instanceof Money, 'must be an amount such as "1234.50"')
    .refine((amount) => !amount.isNegative(), 'must not be negative')
    .nullish(),
  expectedCloseDate: z.iso.date('must be a date YYYY-MM-DD (Shanghai calendar)').nullish(),
  decisionMaker: fields.text(100).nullish(),
  competitor: fields.text(100).nullish(),
  quoteId: fields.text(100).nullish(),
};

export type StageFieldValues = Partial<Pick<Opportunity, (typeof STAGE_FIELDS)[keyof typeof STAGE_FIELDS]>>;

/** The given fields only, so an absent one never clears a value. */
export const givenFields = (data: { [K in keyof StageFieldValues]?: StageFieldValues[K] | null | undefined }): StageFieldValues =>
  Object.fromEntries(Object.values(STAGE_FIELDS).flatMap((field) => (data[field] == null ? [] : [[field, data[field]]])));

/** The stage's required fields the opportunity would still lack with `given` applied. */
export function missingFields(required: readonly OpportunityField[], current: StageFieldValues, given: StageFieldValues): OpportunityField[] {
  return required.filter((field) => (given[STAGE_FIELDS[field]] ?? current[STAGE_FIELDS[field]] ?? null) === null);
}
