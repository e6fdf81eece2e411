import { requireActor, parseInput, createScope, type Actor, type Scope } from '@crm/platform';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { CustomerKind } from '../../generated/graphql';
import { CustomFieldDefinition } from '../custom-field';
import { DataQualityConfig } from './data-quality.entity';
import { UnknownKeyFieldException } from './data-quality.exception';
import { dataQualityPermissions } from './data-quality.permissions';
import { CUSTOM_PREFIX, RECORD_FIELDS } from './key-fields';

const KEY_FIELD_RULES = { maxFields: 50, maxWeight: 100 } as const;

const configInput = z.object({
  kind: z.enum(CustomerKind),
  keyFields: z
    .array(
      z.object({
        field: z.string().trim().min(1, 'must not be empty'),
        weight: z.number().int('must be a whole number').min(1, 'must be at least 1').max(KEY_FIELD_RULES.maxWeight, `must be at most ${KEY_FIELD_RULES.maxWeight}`),
      }),
    )
    .min(1, 'must name at least one key field')
    .max(KEY_FIELD_RULES.maxFields, `must name at most ${KEY_FIELD_RULES.maxFields} key fields`)
    .superRefine((keyFields, context) => {
      const seen = new Set<string>();
      keyFields.forEach(({ field }, index) => {
        if (seen.has(field)) context.addIssue({ code: 'custom', path: [index, 'field'], message: `"${field}" is given twice; each key field once` });
        seen.add(field);
      });
    }),
});

/** Both kinds' configurations, COMPANY first. */
export const dataQualityConfigs = (em: EntityManager, actor: Actor | null): Promise<DataQualityConfig[]> => {
  requireActor(actor);
  return em.find(DataQualityConfig, {}, { orderBy: { kind: 'asc' } });
};

/**
 * CUS-7: an admin sets a kind's key fields and weights, replacing the list. Record fields are
 * named as in RECORD_FIELDS, custom fields `custom.<key>` (in use, for the kind). The version goes
 * up, so the rescore job measures the kind's customers again; audited.
 */
export async function setDataQualityConfig(scope: Scope, input: unknown): Promise<DataQualityConfig> {
  const actor = requireActor(scope.actor);
  const data = parseInput(configInput, input);
  dataQualityPermissions.require(actor, 'data_quality.configure');
  const definitions = await scope.em.find(CustomFieldDefinition, { retiredAt: null });
  const known = new Set([...Object.keys(RECORD_FIELDS), ...definitions.filter((d) => d.appliesTo.includes(data.kind)).map((d) => `${CUSTOM_PREFIX}${d.key}`)]);
  data.keyFields.forEach(({ field }, index) => {
    if (!known.has(field)) throw new UnknownKeyFieldException(`keyFields.${index}.field`, field, data.kind, Object.keys(RECORD_FIELDS));
  });
  return scope.em.transactional(async (tx) => {
    const config = await tx.findOneOrFail(DataQualityConfig, { kind: data.kind }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (JSON.stringify(config.keyFields) === JSON.stringify(data.keyFields)) return config;
    const before = { keyFields: config.keyFields, version: config.version };
    config.keyFields = data.keyFields;
    config.version += 1;
    config.updatedAt = scope.clock.now();
    config.updatedById = actor.userId;
    createScope({ ...scope, em: tx }).audit({ subjectType: 'DataQualityConfig', subjectId: config.kind, action: 'data_quality.configured', before, after: { keyFields: config.keyFields, version: config.version } });
    return config;
  });
}
