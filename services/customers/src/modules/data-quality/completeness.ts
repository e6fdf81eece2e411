import { pgArray } from '@crm/events';
import type { Clock } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import type { CustomerKind } from '../../generated/graphql';
import { CustomFieldDefinition } from '../custom-field';
import { DataQualityConfig } from './data-quality.entity';
import { CUSTOM_PREFIX, presenceOf, scoreOf, type KeyFieldWeight } from './key-fields';

async function query<T>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];
}

/** Each kind's configuration, with custom fields no longer in use (retired, or not for the kind) left out of its score. */
export async function effectiveConfigs(em: EntityManager): Promise<Map<CustomerKind, DataQualityConfig & { scored: KeyFieldWeight[] }>> {
  const [configs, definitions] = await Promise.all([em.find(DataQualityConfig, {}), em.find(CustomFieldDefinition, { retiredAt: null })]);
  return new Map(
    configs.map((config) => {
      const usable = (field: string) => !field.startsWith(CUSTOM_PREFIX) || definitions.some((d) => `${CUSTOM_PREFIX}${d.key}` === field && d.appliesTo.includes(config.kind));
      return [config.kind, { ...config, scored: config.keyFields.filter(({ field }) => usable(field)) }];
    }),
  );
}

/**
 * Measures these customers again from what they hold now, reading the records in one statement and
 * writing the scores in another: recomputing from the record rather than applying a change is what
 * makes a redelivered event harmless.
 * Merged customers are not measured (their row goes); unknown ids are skipped.
 */
export async function rescoreCustomers(em: EntityManager, clock: Clock, customerIds: readonly string[]): Promise<void> {
  if (!customerIds.length) return;
  const configs = await effectiveConfigs(em);
  const fields = [...new Set([...configs.values()].flatMap(({ scored }) => scored.map(({ field }) => field)))];
  const presences = fields.map(presenceOf);
  const checks = presences.map(({ sql }, index) => `case when ${sql} then ${index} end`);
  const rows = await query<{ id: string; kind: CustomerKind; present: number[] }>(
    em,
    `select c.id, c.kind, array_remove(array[${checks.join(', ') || 'null'}]::int[], null) as present
       from customer c where c.id = any(?::uuid[]) and c.merged_into_id is null`,
    [...presences.flatMap(({ params }) => params), pgArray(customerIds)],
  );
  const measuredAt = clock.now();
  const scores = rows.flatMap(({ id, kind, present }) => {
    const config = configs.get(kind);
    if (!config) return [];
    const { score, missing } = scoreOf(config.scored, new Set(present.map((index) => fields[index]!)));
    return [{ customer_id: id, score: score.toFixed(1), missing, config_version: config.version }];
  });
  await query(em, 'delete from customer_completeness where customer_id = any(?::uuid[]) and customer_id in (select id from customer where merged_into_id is not null)', [pgArray(customerIds)]);
  if (!scores.length) return;
  await query(
    em,
    `insert into customer_completeness (customer_id, score, missing, config_version, measured_at)
     select r.customer_id, r.score, array(select jsonb_array_elements_text(r.missing)), r.config_version, ?
       from jsonb_to_recordset(?::jsonb) as r(customer_id uuid, score numeric, missing jsonb, config_version int)
     on conflict (customer_id) do update
       set score = excluded.score, missing = excluded.missing, config_version = excluded.config_version, measured_at = excluded.measured_at`,
    [measuredAt, JSON.stringify(scores)],
  );
}
