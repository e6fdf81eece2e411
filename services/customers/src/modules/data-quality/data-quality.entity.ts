import { EntitySchema } from '@mikro-orm/core';
import type { CustomerKind } from '../../generated/graphql';
import type { KeyFieldWeight } from './key-fields';

/**
 * The key fields of one customer kind and their weights (CUS-7). Every change bumps `version`;
 * the rescore job brings every customer of the kind to it and then records it as `rescoredVersion`.
 */
export class DataQualityConfig {
  kind!: CustomerKind;
  keyFields!: KeyFieldWeight[];
  version!: number;
  rescoredVersion!: number;
  /** Null for the default configuration nobody has changed yet. */
  updatedAt: Date | null = null;
  updatedById: string | null = null;
}

export const DataQualityConfigSchema = new EntitySchema<DataQualityConfig>({
  class: DataQualityConfig,
  tableName: 'data_quality_config',
  properties: {
    kind: { type: 'string', primary: true },
    keyFields: { type: 'json' },
    version: { type: 'integer' },
    rescoredVersion: { type: 'integer' },
    updatedAt: { type: 'datetime', nullable: true },
    updatedById: { type: 'uuid', nullable: true },
  },
});

/** Customer.completeness: a customer's score as last measured. */
export interface CustomerCompleteness {
  /** 0–100 with one decimal. */
  score: number;
  missing: string[];
  measuredAt: Date;
}
