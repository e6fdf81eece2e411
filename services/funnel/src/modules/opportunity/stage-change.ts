import { Events } from '@crm/events';
import type { Scope } from '@crm/platform';
import type { PipelineStage } from '../pipeline';
import { StageChange, type Opportunity } from './opportunity.entity';
import { RequiredFieldsMissingException } from './opportunity.exception';
import { missingFields, type StageFieldValues } from './opportunity-fields';

/**
 * The one rule of entering a stage, for a conversion (the first stage) and every move: the stage's
 * required fields hold with the given ones applied, else nothing changes; the move is kept in the
 * history with who and when, and announced.
 */
export function enterStage(scope: Scope, opportunity: Opportunity, stage: PipelineStage, given: StageFieldValues, movedById: string): void {
  const missing = missingFields(stage.requiredFields, opportunity, given);
  if (missing.length) throw new RequiredFieldsMissingException(stage.name, missing);
  const fromStageId = opportunity.stageId ?? null;
  Object.assign(opportunity, given, { stageId: stage.id });
  scope.em.create(StageChange, { opportunityId: opportunity.id, pipelineId: opportunity.pipelineId, fromStageId, toStageId: stage.id, movedById, movedAt: scope.clock.now() });
  scope.recordEvent({
    type: Events.OpportunityStageChanged,
    key: opportunity.id,
    payload: { opportunityId: opportunity.id, pipelineId: opportunity.pipelineId, fromStageId, toStageId: stage.id, ownerId: opportunity.ownerId, movedById },
  });
}
