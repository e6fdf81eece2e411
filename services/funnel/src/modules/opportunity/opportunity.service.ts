import { Events } from '@crm/events';
import { fields, findPage, parseInput, requireActor, type Actor, type Connection, type PageRequest, type RowCondition, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { OpportunityOrder, OpportunityOutcome, OpportunityStatus, PoolRecordType } from '../../generated/graphql';
import { findStage, Pipeline } from '../pipeline';
import { requireNotInPublicPool } from '../pool';
import { scoreRank } from '../scoring';
import { Opportunity } from './opportunity.entity';
import { AlreadyInStageException, OpportunityClosedException, OpportunityNotFoundException, UnknownStageException } from './opportunity.exception';
import { givenFields, stageFieldInput } from './opportunity-fields';
import { visibleOpportunities } from './opportunity.loaders';
import { enterStage } from './stage-change';

type FindVisible = (id: string) => Promise<Opportunity | null>;

const moveInput = z.object({ id: fields.id('id'), stageId: fields.id('stageId'), ...stageFieldInput });
const closeInput = z.object({ id: fields.id('id'), outcome: z.enum(OpportunityOutcome), reason: fields.text(500) });
const filterInput = z.object({
  status: z.enum(OpportunityStatus).nullish(),
  pipelineId: fields.id('pipelineId').nullish(),
  ownerId: fields.id('ownerId').nullish(),
});

/** An open opportunity the actor sees: its owner, their managers up the org tree, admins (ORG-2). */
async function requireOpen(findVisible: FindVisible, id: string): Promise<Opportunity> {
  const opportunity = await findVisible(id);
  if (!opportunity) throw new OpportunityNotFoundException(id);
  if (opportunity.status !== OpportunityStatus.Open) throw new OpportunityClosedException(id, opportunity.status);
  return opportunity;
}

/** FUN-2: to an active stage of its pipeline, forward or back, with the fields that stage requires. */
export async function moveOpportunityStage(scope: Scope, findVisible: FindVisible, input: unknown): Promise<Opportunity> {
  const actor = requireActor(scope.actor);
  const data = parseInput(moveInput, input);
  const opportunity = await requireOpen(findVisible, data.id);
  await requireNotInPublicPool(scope.em, PoolRecordType.Opportunity, opportunity.id);
  const pipeline = await scope.em.findOneOrFail(Pipeline, { id: opportunity.pipelineId });
  const stage = findStage(pipeline, data.stageId);
  if (!stage || stage.retired) throw new UnknownStageException(data.stageId, pipeline.id);
  if (stage.id === opportunity.stageId) throw new AlreadyInStageException(opportunity.id, stage.name);
  enterStage(scope, opportunity, stage, givenFields(data), actor.userId);
  await scope.em.flush();
  return opportunity;
}

/** Won or lost, with the reason; announced for analytics (ANA-7's stage conversion) and audited. */
export async function closeOpportunity(scope: Scope, findVisible: FindVisible, input: unknown): Promise<Opportunity> {
  const actor = requireActor(scope.actor);
  const data = parseInput(closeInput, input);
  const opportunity = await requireOpen(findVisible, data.id);
  await requireNotInPublicPool(scope.em, PoolRecordType.Opportunity, opportunity.id);
  settleOpportunity(scope, opportunity, data.outcome, data.reason, actor.userId);
  await scope.em.flush();
  return opportunity;
}

/** The one rule of settling an open opportunity, for closeOpportunity and the demo data. */
export function settleOpportunity(scope: Scope, opportunity: Opportunity, outcome: OpportunityOutcome, reason: string, closedById: string): void {
  const status = outcome === OpportunityOutcome.Won ? OpportunityStatus.Won : OpportunityStatus.Lost;
  Object.assign(opportunity, { status, closeReason: reason, closedAt: scope.clock.now(), closedById });
  scope.recordEvent({
    type: Events.OpportunityClosed,
    key: opportunity.id,
    payload: { opportunityId: opportunity.id, customerId: opportunity.customerId, ownerId: opportunity.ownerId, status: outcome, reason, amount: opportunity.amount?.toString() ?? null },
  });
  scope.audit({ subjectType: 'Opportunity', subjectId: opportunity.id, action: 'opportunity.closed', before: { status: OpportunityStatus.Open }, after: { status }, reason });
}

const and = (conditions: readonly RowCondition[]): RowCondition => ({
  sql: conditions.map((condition) => `(${condition.sql})`).join(' and '),
  params: conditions.flatMap((condition) => condition.params),
});

export function listOpportunities(
  em: EntityManager,
  actor: Actor | null,
  page: PageRequest,
  rawFilter: unknown,
  orderBy: OpportunityOrder = OpportunityOrder.Newest,
): Promise<Connection<Opportunity>> {
  const filter = parseInput(filterInput, rawFilter ?? {});
  const conditions: RowCondition[] = [visibleOpportunities(actor)];
  if (filter.status) conditions.push({ sql: 'status = ?', params: [filter.status] });
  if (filter.pipelineId) conditions.push({ sql: 'pipeline_id = ?', params: [filter.pipelineId] });
  if (filter.ownerId) conditions.push({ sql: 'owner_id = ?', params: [filter.ownerId] });
  return findPage(em, Opportunity, page, and(conditions), orderBy === OpportunityOrder.Score ? { rankBy: scoreRank('OPPORTUNITY') } : {});
}
