import { createScope, fields, parseInput, requireActor, type Actor, type Scope, type StartJob } from '@crm/platform';
import { z } from 'zod';
import { AssignmentStrategy } from '../../generated/graphql';
import type { Lead } from '../lead';
import { assignBatch, BATCH_LEADS, requireAssignable } from './assign-batch';
import { LeadAssignmentRun, type AssignmentTarget } from './assignment.entity';
import { assignLeadsJob } from './assignment.job';
import { assignmentPermissions } from './assignment.permissions';
import { planFor, type Plan } from './assignment-plan';

const MAX_LEADS = 10_000;

const TEAM_STRATEGIES: readonly AssignmentStrategy[] = [AssignmentStrategy.RoundRobin, AssignmentStrategy.Random, AssignmentStrategy.EvenSplit, AssignmentStrategy.Strengths];

const leadIds = (max: number) => z.array(fields.id('leadIds')).min(1, 'name at least one lead').max(max, `at most ${max.toLocaleString('en')} leads at once`);

const assignInput = z
  .object({
    leadIds: leadIds(MAX_LEADS),
    strategy: z.enum(AssignmentStrategy),
    toOwnerId: fields.id('toOwnerId').nullish(),
    team: z.object({ orgUnitId: fields.id('orgUnitId').nullish(), salesTeamId: fields.id('salesTeamId').nullish() }).nullish(),
  })
  .superRefine((data, ctx) => {
    const wantsTeam = TEAM_STRATEGIES.includes(data.strategy);
    const wantsOwner = data.strategy === AssignmentStrategy.Manual;
    if (wantsOwner !== Boolean(data.toOwnerId)) ctx.addIssue({ code: 'custom', path: ['toOwnerId'], message: wantsOwner ? 'MANUAL needs the rep' : `only MANUAL takes a rep; ${data.strategy} does not` });
    if (wantsTeam && Boolean(data.team?.orgUnitId) === Boolean(data.team?.salesTeamId)) ctx.addIssue({ code: 'custom', path: ['team'], message: `${data.strategy} needs a team: exactly one of orgUnitId or salesTeamId` });
    if (!wantsTeam && data.team) ctx.addIssue({ code: 'custom', path: ['team'], message: `${data.strategy} takes no team` });
  });

const distributeInput = z.object({ leadIds: leadIds(BATCH_LEADS), toOwnerId: fields.id('toOwnerId') });

const inTransaction = (scope: Scope, actor: Actor, plan: Plan, ids: readonly string[]) =>
  scope.em.transactional((tx) => assignBatch(createScope({ ...scope, em: tx }), actor, plan, ids, 0));

const targetOf = (data: { toOwnerId?: string | null; team?: { orgUnitId?: string | null; salesTeamId?: string | null } | null }): AssignmentTarget => ({
  toOwnerId: data.toOwnerId ?? null,
  toOrgUnitId: data.team?.orgUnitId ?? null,
  toSalesTeamId: data.team?.salesTeamId ?? null,
});

/**
 * FUN-6: verified leads to reps by a strategy. Up to BATCH_LEADS at once, all or nothing; more as a
 * job, its run saved before the job starts so the job always finds it.
 */
export async function assignLeads(scope: Scope, startJob: StartJob, input: unknown): Promise<{ leads: Lead[]; run: LeadAssignmentRun | null }> {
  const actor = requireActor(scope.actor);
  const data = parseInput(assignInput, input);
  assignmentPermissions.require(actor, 'lead.assign');
  const ids = [...new Set(data.leadIds)];
  await requireAssignable(scope.em, actor, ids);
  const target = targetOf(data);
  const plan = await planFor(scope, actor, data.strategy, target);
  if (ids.length <= BATCH_LEADS) return { leads: await inTransaction(scope, actor, plan, ids), run: null };
  const run = scope.em.create(LeadAssignmentRun, { strategy: data.strategy, ...target, leadIds: ids, requestedById: actor.userId, createdAt: scope.clock.now() });
  await scope.em.flush();
  run.jobId = (await startJob(assignLeadsJob.kind, { runId: run.id })).id;
  await scope.em.flush();
  return { leads: [], run };
}

/** distributeLeads: MANUAL assignment of up to 1,000 leads, returned as assigned. */
export async function distributeLeads(scope: Scope, input: unknown): Promise<Lead[]> {
  const actor = requireActor(scope.actor);
  const data = parseInput(distributeInput, input);
  assignmentPermissions.require(actor, 'lead.assign');
  const plan = await planFor(scope, actor, AssignmentStrategy.Manual, targetOf(data));
  return inTransaction(scope, actor, plan, [...new Set(data.leadIds)]);
}
