import { findPage, parseId, requireActor, type Connection, type PageRequest, type Scope, type StartJob } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { parseRuleInput } from './scoring-rule-input';
import { ScoringRule } from './scoring.entity';
import { ScoringRuleNotFoundException } from './scoring.exception';
import { rescoreAllJob } from './scoring.job';
import { scoringPermissions } from './scoring.permissions';

/** What the audit trail keeps of a rule. */
const snapshot = ({ factor, values, minCount, withinDays, points, label }: ScoringRule) => ({ factor, values, minCount, withinDays, points, label });

export function listScoringRules(em: EntityManager, page: PageRequest): Promise<Connection<ScoringRule>> {
  return findPage(em, ScoringRule, page, undefined, { oldestFirst: true });
}

async function requireRule(scope: Scope, rawId: string): Promise<ScoringRule> {
  const id = parseId(rawId);
  const rule = await scope.em.findOne(ScoringRule, { id });
  if (!rule) throw new ScoringRuleNotFoundException(id);
  return rule;
}

/** Once a change is saved every score is recomputed with it, by a job, since it may touch them all. */
async function saveAndRescore(scope: Scope, startJob: StartJob): Promise<void> {
  await scope.em.flush();
  await startJob(rescoreAllJob.kind, {});
}

export async function createScoringRule(scope: Scope, startJob: StartJob, input: unknown): Promise<ScoringRule> {
  scoringPermissions.require(requireActor(scope.actor), 'scoring.define_rules');
  const data = parseRuleInput(input);
  const now = scope.clock.now();
  const rule = scope.em.create(ScoringRule, { ...data, createdAt: now, updatedAt: now });
  scope.audit({ subjectType: 'ScoringRule', subjectId: rule.id, action: 'scoring_rule.created', after: snapshot(rule) });
  await saveAndRescore(scope, startJob);
  return rule;
}

export async function updateScoringRule(scope: Scope, startJob: StartJob, args: { id: string; input: unknown }): Promise<ScoringRule> {
  scoringPermissions.require(requireActor(scope.actor), 'scoring.define_rules');
  const data = parseRuleInput(args.input);
  const rule = await requireRule(scope, args.id);
  const before = snapshot(rule);
  Object.assign(rule, data, { updatedAt: scope.clock.now() });
  scope.audit({ subjectType: 'ScoringRule', subjectId: rule.id, action: 'scoring_rule.updated', before, after: snapshot(rule) });
  await saveAndRescore(scope, startJob);
  return rule;
}

export async function deleteScoringRule(scope: Scope, startJob: StartJob, rawId: string): Promise<string> {
  scoringPermissions.require(requireActor(scope.actor), 'scoring.define_rules');
  const rule = await requireRule(scope, rawId);
  scope.audit({ subjectType: 'ScoringRule', subjectId: rule.id, action: 'scoring_rule.deleted', before: snapshot(rule) });
  scope.em.remove(rule);
  await saveAndRescore(scope, startJob);
  return rule.id;
}
