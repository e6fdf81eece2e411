import { ManualClock, Money, createScope, shanghaiDate, type Scope } from '@crm/platform';
import { LeadStatus, OpportunityField, OpportunityOutcome } from '../generated/graphql';
import type { Lead } from '../modules/lead';
import { Opportunity, enterStage, settleOpportunity } from '../modules/opportunity';
import { DEFAULT_PIPELINE_ID, Pipeline, activeStages, type PipelineStage } from '../modules/pipeline';

const DAY_MS = 86_400_000;

/** A second business line, so the demo shows opportunities in more than one pipeline. */
const PROJECT_PIPELINE: Pick<Pipeline, 'id' | 'name' | 'businessLine' | 'stages'> = {
  id: '0192f000-0000-7000-8000-00000000b000',
  name: '项目制销售',
  businessLine: '工业设备',
  stages: [
    { id: '0192f000-0000-7000-8000-00000000b001', name: '需求调研', winProbability: 10, requiredFields: [], retired: false },
    { id: '0192f000-0000-7000-8000-00000000b002', name: '方案设计', winProbability: 30, requiredFields: [OpportunityField.Amount], retired: false },
    { id: '0192f000-0000-7000-8000-00000000b003', name: '投标报价', winProbability: 60, requiredFields: [OpportunityField.Amount, OpportunityField.ExpectedCloseDate], retired: false },
    { id: '0192f000-0000-7000-8000-00000000b004', name: '合同谈判', winProbability: 80, requiredFields: [OpportunityField.DecisionMaker], retired: false },
  ],
};

/** Where the i-th demo opportunity ends up: how many stages it went through, and its outcome. */
function pathOf(i: number, stageCount: number): { stages: number; outcome: OpportunityOutcome | null } {
  const outcome = i % 7 === 0 ? OpportunityOutcome.Won : i % 11 === 0 ? OpportunityOutcome.Lost : null;
  return { stages: outcome === OpportunityOutcome.Won ? stageCount : 1 + (i % stageCount), outcome };
}

/**
 * The demo's converted leads get their opportunities, alternating between the default and the
 * project pipeline and spread over every stage, with a few won and lost. Their history lies in the
 * last days before seeding, one clock per move, so no rule sees them as long neglected.
 */
export async function seedDemoOpportunities(scope: Scope, convertedLeads: readonly Lead[]): Promise<void> {
  const project = scope.em.create(Pipeline, { ...PROJECT_PIPELINE, createdAt: scope.clock.now(), updatedAt: scope.clock.now() });
  const standard = await scope.em.findOneOrFail(Pipeline, { id: DEFAULT_PIPELINE_ID });
  const now = scope.clock.now().getTime();
  convertedLeads.forEach((lead, i) => {
    const pipeline = i % 2 === 0 ? standard : project;
    const stages = activeStages(pipeline);
    const path = pathOf(i, stages.length);
    const start = now - (9 - (i % 5)) * DAY_MS;
    const opportunity = Object.assign(new Opportunity(), { customerId: lead.customerId!, ownerId: lead.ownerId, pipelineId: pipeline.id, sourceLeadId: lead.id, createdAt: new Date(start) });
    stages.slice(0, path.stages).forEach((stage, step) => moveAt(scope, opportunity, stage, new Date(start + step * DAY_MS), i));
    scope.em.persist(opportunity);
    if (path.outcome) {
      const reason = path.outcome === OpportunityOutcome.Won ? '价格与交期均满足客户要求' : '客户选择了竞争对手';
      settleOpportunity(scopeAt(scope, new Date(start + path.stages * DAY_MS)), opportunity, path.outcome, reason, lead.ownerId);
    }
  });
}

function moveAt(scope: Scope, opportunity: Opportunity, stage: PipelineStage, at: Date, i: number): void {
  const given = {
    amount: opportunity.amount ?? Money.of(`${(i % 9) + 1}${(i % 4) * 25}000.00`),
    expectedCloseDate: opportunity.expectedCloseDate ?? shanghaiDate(new Date(at.getTime() + 30 * DAY_MS)),
    decisionMaker: opportunity.decisionMaker ?? '采购部经理',
  };
  enterStage(scopeAt(scope, at), opportunity, stage, stage.requiredFields.length ? given : {}, opportunity.ownerId);
}

const scopeAt = (scope: Scope, at: Date): Scope => createScope({ ...scope, clock: new ManualClock(at.toISOString()) });

export const isConverted = (lead: Lead): boolean => lead.status === LeadStatus.Converted && lead.customerId !== null;
