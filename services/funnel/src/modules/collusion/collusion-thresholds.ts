import { parseInput, requireActor, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { CollusionSettings } from './collusion.entity';
import { collusionPermissions } from './collusion.permissions';

export type CollusionThresholds = Pick<CollusionSettings, 'handoffMinutes' | 'repeatCount' | 'windowDays' | 'protectionEndMinutes'>;

export const DEFAULT_THRESHOLDS: CollusionThresholds = { handoffMinutes: 30, repeatCount: 3, windowDays: 7, protectionEndMinutes: 60 };

const whole = (min: number, max: number) => z.number().int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`).nullish();

const thresholdsInput = z.object({
  handoffMinutes: whole(1, 1_440),
  repeatCount: whole(2, 100),
  windowDays: whole(1, 90),
  protectionEndMinutes: whole(1, 1_440),
});

const valuesOf = ({ handoffMinutes, repeatCount, windowDays, protectionEndMinutes }: CollusionThresholds): CollusionThresholds => ({ handoffMinutes, repeatCount, windowDays, protectionEndMinutes });

const thresholdsOf = (settings: CollusionSettings | null): CollusionThresholds => (settings ? valuesOf(settings) : DEFAULT_THRESHOLDS);

export const currentThresholds = async (em: EntityManager): Promise<CollusionThresholds> => thresholdsOf(await em.findOne(CollusionSettings, { id: 1 }));

/** Managers read what their flags are measured by; only admins change it. */
export async function readThresholds(scope: Scope): Promise<CollusionThresholds> {
  collusionPermissions.require(requireActor(scope.actor), 'collusion.review');
  return currentThresholds(scope.em);
}

export async function setThresholds(scope: Scope, input: unknown): Promise<CollusionThresholds> {
  const actor = requireActor(scope.actor);
  const data = parseInput(thresholdsInput, input);
  collusionPermissions.require(actor, 'collusion.configure');
  const settings = await scope.em.findOne(CollusionSettings, { id: 1 });
  const before = thresholdsOf(settings);
  const after: CollusionThresholds = {
    handoffMinutes: data.handoffMinutes ?? before.handoffMinutes,
    repeatCount: data.repeatCount ?? before.repeatCount,
    windowDays: data.windowDays ?? before.windowDays,
    protectionEndMinutes: data.protectionEndMinutes ?? before.protectionEndMinutes,
  };
  const changed = { ...after, updatedAt: scope.clock.now(), updatedById: actor.userId };
  if (settings) Object.assign(settings, changed);
  else scope.em.create(CollusionSettings, { id: 1, ...changed });
  scope.audit({ subjectType: 'CollusionSettings', subjectId: 'thresholds', action: 'collusion.thresholds_set', before, after });
  await scope.em.flush();
  return after;
}
