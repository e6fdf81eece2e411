import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { OpportunityField } from '../../generated/graphql';

/** A stage as stored: its id outlives renames and reorders, so stage history keeps pointing at it. */
export interface PipelineStage {
  id: string;
  name: string;
  winProbability: number;
  requiredFields: OpportunityField[];
  retired: boolean;
}

/**
 * A pipeline's stages live in one json column: they are read and written together (a move needs
 * the whole pipeline, an update replaces the order), and a retired stage stays in the list so the
 * opportunities sitting in it still name it.
 */
export class Pipeline {
  [OptionalProps]?: 'id';
  id: string = newId();
  name!: string;
  businessLine!: string;
  /** Active ones in order first, then retired ones. */
  stages!: PipelineStage[];
  createdAt!: Date;
  updatedAt!: Date;
}

export const PipelineSchema = new EntitySchema<Pipeline>({
  class: Pipeline,
  tableName: 'pipeline',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string' },
    businessLine: { type: 'string' },
    stages: { type: 'json' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});

export const activeStages = (pipeline: Pipeline): PipelineStage[] => pipeline.stages.filter((stage) => !stage.retired);
export const findStage = (pipeline: Pipeline, stageId: string): PipelineStage | undefined => pipeline.stages.find((stage) => stage.id === stageId);
