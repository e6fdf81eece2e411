import { fields, findPage, newId, parseInput, requireActor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { OpportunityField } from '../../generated/graphql';
import { activeStages, Pipeline, type PipelineStage } from './pipeline.entity';
import { InvalidPipelineException, PipelineNotFoundException } from './pipeline.exception';
import { pipelinePermissions } from './pipeline.permissions';

export const MAX_STAGES = 20;

const stageInput = z.object({
  id: fields.id('stage id').nullish(),
  name: fields.text(40),
  winProbability: z.number().int('must be a whole number'),
  requiredFields: z.array(z.enum(OpportunityField)).nullish(),
});
const stagesInput = z.array(stageInput).min(1, 'a pipeline needs at least one stage').max(MAX_STAGES, `at most ${MAX_STAGES} stages`);

const createInput = z.object({ name: fields.text(100), businessLine: fields.text(100), stages: stagesInput });
const updateInput = z.object({ id: fields.id('id'), name: fields.text(100).nullish(), stages: stagesInput });

type StageInput = z.infer<typeof stageInput>;

/** What the audit trail keeps of a pipeline. */
const snapshot = (pipeline: Pipeline) => ({ name: pipeline.name, businessLine: pipeline.businessLine, stages: pipeline.stages });

/**
 * The rules of an order of stages: probabilities 0–100, never lower than an earlier stage's (a
 * later stage is closer to the deal), names distinct. The first broken one refuses the whole input.
 */
function checkStages(stages: readonly StageInput[]): void {
  const names = new Set<string>();
  stages.forEach((stage, index) => {
    const field = `stages.${index}`;
    if (stage.winProbability < 0 || stage.winProbability > 100) {
      throw new InvalidPipelineException(`${field}.winProbability`, 'STAGE_PROBABILITY_OUT_OF_RANGE', `${stage.winProbability} is not a probability; give 0 to 100.`);
    }
    const previous = stages[index - 1];
    if (previous && stage.winProbability < previous.winProbability) {
      throw new InvalidPipelineException(
        `${field}.winProbability`,
        'STAGES_OUT_OF_ORDER',
        `${stage.name} (${stage.winProbability}) comes after ${previous.name} (${previous.winProbability}); stages go in order of rising win probability.`,
      );
    }
    if (names.has(stage.name)) throw new InvalidPipelineException(`${field}.name`, 'DUPLICATE_STAGE_NAME', `${stage.name} is given twice.`);
    names.add(stage.name);
  });
}

const toStage = (stage: StageInput, id: string): PipelineStage => ({
  id,
  name: stage.name,
  winProbability: stage.winProbability,
  requiredFields: [...new Set(stage.requiredFields ?? [])],
  retired: false,
});

export async function createPipeline(scope: Scope, input: unknown): Promise<Pipeline> {
  const actor = requireActor(scope.actor);
  pipelinePermissions.require(actor, 'pipeline.define');
  const data = parseInput(createInput, input);
  checkStages(data.stages);
  const unknown = data.stages.findIndex((stage) => stage.id);
  if (unknown >= 0) throw new InvalidPipelineException(`stages.${unknown}.id`, 'UNKNOWN_STAGE', 'a new pipeline has no stages yet; leave the id out.');
  const now = scope.clock.now();
  const pipeline = scope.em.create(Pipeline, {
    name: data.name,
    businessLine: data.businessLine,
    stages: data.stages.map((stage) => toStage(stage, newId())),
    createdAt: now,
    updatedAt: now,
  });
  scope.audit({ subjectType: 'Pipeline', subjectId: pipeline.id, action: 'pipeline.created', after: snapshot(pipeline) });
  await scope.em.flush();
  return pipeline;
}

/**
 * The given stages become the active ones in their order; active stages left out are retired and
 * kept after them, already retired ones stay retired (never revived: their opportunities' history
 * would then read as if they had never left).
 */
export async function updatePipeline(scope: Scope, input: unknown): Promise<Pipeline> {
  const actor = requireActor(scope.actor);
  pipelinePermissions.require(actor, 'pipeline.define');
  const data = parseInput(updateInput, input);
  checkStages(data.stages);
  const pipeline = await scope.em.findOne(Pipeline, { id: data.id });
  if (!pipeline) throw new PipelineNotFoundException(data.id);
  const active = new Map(activeStages(pipeline).map((stage) => [stage.id, stage]));
  data.stages.forEach((stage, index) => {
    if (stage.id && !active.has(stage.id)) throw new InvalidPipelineException(`stages.${index}.id`, 'UNKNOWN_STAGE', `${stage.id} is not an active stage of pipeline ${pipeline.id}.`);
  });
  const before = snapshot(pipeline);
  const kept = new Set(data.stages.map((stage) => stage.id).filter(Boolean));
  const retiredNow = [...active.values()].filter((stage) => !kept.has(stage.id)).map((stage) => ({ ...stage, retired: true }));
  pipeline.stages = [...data.stages.map((stage) => toStage(stage, stage.id ?? newId())), ...pipeline.stages.filter((stage) => stage.retired), ...retiredNow];
  pipeline.name = data.name ?? pipeline.name;
  pipeline.updatedAt = scope.clock.now();
  scope.audit({ subjectType: 'Pipeline', subjectId: pipeline.id, action: 'pipeline.updated', before, after: snapshot(pipeline) });
  await scope.em.flush();
  return pipeline;
}

export function listPipelines(em: EntityManager, page: PageRequest): Promise<Connection<Pipeline>> {
  return findPage(em, Pipeline, page);
}
