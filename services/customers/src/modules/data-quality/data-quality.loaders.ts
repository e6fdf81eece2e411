import { pgArray } from '@crm/events';
import type { Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import type { CustomerCompleteness } from './data-quality.entity';

/**
 * Completeness of a batch of customers in one statement. Only asked about customers already
 * loaded through the customer loader's visibility (ORG-2); null until first measured.
 */
export function createDataQualityLoaders(em: EntityManager, _actor: Actor | null) {
  return {
    completeness: new DataLoader<string, CustomerCompleteness | null>(async (ids) => {
      const rows = (await em.getConnection().execute(
        'select customer_id, score::float8 as score, missing, measured_at from customer_completeness where customer_id = any(?::uuid[])',
        [pgArray(ids)],
      )) as { customer_id: string; score: number; missing: string[]; measured_at: Date }[];
      const byCustomer = new Map(rows.map((row) => [row.customer_id, { score: row.score, missing: row.missing, measuredAt: row.measured_at }]));
      return ids.map((id) => byCustomer.get(id) ?? null);
    }),
  };
}

export type DataQualityLoaders = ReturnType<typeof createDataQualityLoaders>;
