import { parseInput, requireActor, type Actor, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { DEFAULT_RISK_THRESHOLDS, NewCustomerRiskSettings, type RiskThresholds } from './risk-review.entity';
import { riskReviewPermissions } from './risk-review.permissions';

const count = z.number().int('must be a whole number').min(2, 'must be at least 2').max(1000, 'must be at most 1000');
const span = (max: number) => z.number().int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`);

const thresholdsInput = z.object({
  deviceBurstCount: count,
  deviceBurstHours: span(720),
  phoneBurstCount: count,
  phoneBurstHours: span(720),
  fastConversionMinutes: span(1440),
  conversionsPerHour: span(1000),
});

type ThresholdsView = RiskThresholds & { updatedAt: Date | null };

/** The thresholds conversions are assessed by now: the admin's, else the defaults. */
export async function currentThresholds(em: EntityManager): Promise<ThresholdsView> {
  const settings = await em.findOne(NewCustomerRiskSettings, { id: 'current' });
  return settings ?? { ...DEFAULT_RISK_THRESHOLDS, updatedAt: null };
}

export function readThresholds(em: EntityManager, actor: Actor | null): Promise<ThresholdsView> {
  riskReviewPermissions.require(requireActor(actor), 'new_customer.review');
  return currentThresholds(em);
}

const thresholdsOf = (values: RiskThresholds): RiskThresholds =>
  Object.fromEntries(Object.keys(DEFAULT_RISK_THRESHOLDS).map((key) => [key, values[key as keyof RiskThresholds]])) as unknown as RiskThresholds;

/** An admin replaces all the thresholds; conversions from now on are assessed by them. Audited. */
export async function setThresholds(scope: Scope, input: unknown): Promise<ThresholdsView> {
  const actor = requireActor(scope.actor);
  const data = parseInput(thresholdsInput, input);
  riskReviewPermissions.require(actor, 'new_customer.configure_risk');
  const stamp = { updatedAt: scope.clock.now(), updatedById: actor.userId };
  const settings = await scope.em.findOne(NewCustomerRiskSettings, { id: 'current' });
  const before = thresholdsOf(settings ?? DEFAULT_RISK_THRESHOLDS);
  const updated = settings ? Object.assign(settings, data, stamp) : scope.em.create(NewCustomerRiskSettings, { ...data, ...stamp });
  scope.audit({ subjectType: 'NewCustomerRiskSettings', subjectId: updated.id, action: 'new_customer_risk.configured', before, after: data });
  await scope.em.flush();
  return updated;
}
