import { fields, findPage, parseId, parseInput, requireActor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import { findDivision, requireOwnerInReach, requireSalesTeamInReach } from '@crm/identity/replica';
import { z } from 'zod';
import { LeadSource } from '../../generated/graphql';
import { AssignmentRule } from './assignment.entity';
import { AssignmentRuleNotFoundException, RulePriorityTakenException } from './assignment.exception';
import { assignmentPermissions } from './assignment.permissions';
import { resolveTeam } from './assignment-team';

const ruleInput = z
  .object({
    priority: z.number().int().min(1, 'must be from 1').max(10_000, 'must be at most 10,000'),
    divisionCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 division code').refine((code) => findDivision(code), 'is not a GB/T 2260 division').nullish(),
    industry: fields.text(100).nullish(),
    source: z.enum(LeadSource).nullish(),
    toOwnerId: fields.id('toOwnerId').nullish(),
    toOrgUnitId: fields.id('toOrgUnitId').nullish(),
    toSalesTeamId: fields.id('toSalesTeamId').nullish(),
  })
  .superRefine((rule, ctx) => {
    if (!rule.divisionCode && !rule.industry && !rule.source) ctx.addIssue({ code: 'custom', path: ['divisionCode'], message: 'a rule needs a condition: divisionCode, industry or source' });
    if ([rule.toOwnerId, rule.toOrgUnitId, rule.toSalesTeamId].filter(Boolean).length !== 1) ctx.addIssue({ code: 'custom', path: ['toOwnerId'], message: 'a rule needs exactly one target: toOwnerId, toOrgUnitId or toSalesTeamId' });
  });

/** An admin's rule: its target must be an active rep or a team with active reps, and its priority free. */
export async function createAssignmentRule(scope: Scope, input: unknown): Promise<AssignmentRule> {
  const actor = requireActor(scope.actor);
  const data = parseInput(ruleInput, input);
  assignmentPermissions.require(actor, 'assignment.rules');
  if (data.toOwnerId) await requireOwnerInReach(scope.em, actor, data.toOwnerId);
  if (data.toSalesTeamId) await requireSalesTeamInReach(scope.em, actor, data.toSalesTeamId);
  if (data.toOrgUnitId) await resolveTeam(scope.em, actor, { orgUnitId: data.toOrgUnitId }, 'toOrgUnitId');
  if (await scope.em.count(AssignmentRule, { priority: data.priority })) throw new RulePriorityTakenException(data.priority);
  const rule = scope.em.create(AssignmentRule, { ...data, createdById: actor.userId, createdAt: scope.clock.now() });
  scope.audit({ subjectType: 'AssignmentRule', subjectId: rule.id, action: 'assignment_rule.created', before: null, after: { ...data } });
  await scope.em.flush();
  return rule;
}

export async function deleteAssignmentRule(scope: Scope, rawId: string): Promise<string> {
  const actor = requireActor(scope.actor);
  const id = parseId(rawId);
  assignmentPermissions.require(actor, 'assignment.rules');
  const rule = await scope.em.findOne(AssignmentRule, { id });
  if (!rule) throw new AssignmentRuleNotFoundException(id);
  scope.audit({ subjectType: 'AssignmentRule', subjectId: id, action: 'assignment_rule.deleted', before: { priority: rule.priority }, after: null });
  scope.em.remove(rule);
  await scope.em.flush();
  return id;
}

/** The rules are the organisation's routing: anyone who may assign reads them. */
export function listAssignmentRules(scope: Pick<Scope, 'em' | 'actor'>, page: PageRequest): Promise<Connection<AssignmentRule>> {
  assignmentPermissions.require(requireActor(scope.actor), 'lead.assign');
  return findPage(scope.em, AssignmentRule, page, undefined, { oldestFirst: true });
}
