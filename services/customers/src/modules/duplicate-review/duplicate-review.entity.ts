import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { DuplicateReason, DuplicateReviewStatus } from '../../generated/graphql';

/** A pair of customers likely to be one (CUS-3), waiting for a reviewer to merge or dismiss it. */
export class DuplicateReview {
  [OptionalProps]?: 'id' | 'status' | 'decidedById' | 'decidedAt' | 'reason';
  id: string = newId();
  customerId!: string;
  candidateId!: string;
  /** 0–1, three decimals. */
  score!: number;
  reasons!: DuplicateReason[];
  status: DuplicateReviewStatus = 'OPEN';
  createdAt!: Date;
  decidedById: string | null = null;
  decidedAt: Date | null = null;
  reason: string | null = null;
}

export const DuplicateReviewSchema = new EntitySchema<DuplicateReview>({
  class: DuplicateReview,
  tableName: 'duplicate_review',
  properties: {
    id: { type: 'uuid', primary: true },
    customerId: { type: 'uuid' },
    candidateId: { type: 'uuid' },
    score: { type: 'double' },
    reasons: { type: 'json' },
    status: { type: 'string' },
    createdAt: { type: 'datetime' },
    decidedById: { type: 'uuid', nullable: true },
    decidedAt: { type: 'datetime', nullable: true },
    reason: { type: 'string', nullable: true },
  },
});
