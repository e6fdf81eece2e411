import { defineJob, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { effectiveConfigs, rescoreCustomers } from './completeness';
import { DataQualityConfig } from './data-quality.entity';

const CHUNK = 500;

async function customerIds(em: EntityManager, sql: string, params: unknown[]): Promise<string[]> {
  const rows = (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as { customer_id: string }[];
  return rows.map((row) => row.customer_id);
}

/** Every customer of a kind whose configuration changed, in id order, a chunk per transaction; then the kind counts as rescored. */
async function rescoreChangedKinds(scope: Scope, measured: (count: number) => Promise<void>): Promise<void> {
  for (const config of (await effectiveConfigs(scope.em.fork())).values()) {
    if (config.rescoredVersion >= config.version) continue;
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const chunk = await customerIds(scope.em.fork(), 'select id as customer_id from customer where kind = ? and merged_into_id is null and id > ? order by id limit ?', [config.kind, after, CHUNK]);
      if (!chunk.length) break;
      await scope.em.fork().transactional((tx) => rescoreCustomers(tx, scope.clock, chunk));
      after = chunk.at(-1)!;
      await measured(chunk.length);
    }
    // Only up to the version measured: a change made meanwhile leaves the kind due for the next run.
    await scope.em.fork().nativeUpdate(DataQualityConfig, { kind: config.kind, rescoredVersion: { $lt: config.version } }, { rescoredVersion: config.version });
  }
}

/** Customers whose contacts or custom values changed, taken off the queue in the transaction that measures them. */
async function rescorePending(scope: Scope, measured: (count: number) => Promise<void>): Promise<void> {
  for (;;) {
    const chunk = await scope.em.fork().transactional(async (tx) => {
      const taken = await customerIds(
        tx,
        `delete from customer_completeness_pending
          where customer_id in (select customer_id from customer_completeness_pending order by customer_id limit ? for update skip locked)
          returning customer_id`,
        [CHUNK],
      );
      await rescoreCustomers(tx, scope.clock, taken);
      return taken;
    });
    if (!chunk.length) return;
    await measured(chunk.length);
  }
}

/** Brings every stored score up to date: changed configurations first, then the queue. */
export async function rescoreDue(scope: Scope, measured: (count: number) => Promise<void> = async () => {}): Promise<void> {
  await rescoreChangedKinds(scope, measured);
  await rescorePending(scope, measured);
}

/**
 * CUS-7: keeps stored completeness scores current where no event does: every customer of a kind
 * whose key fields an admin changed, and customers whose contacts or custom values changed. Runs
 * every five minutes, and when an admin starts it.
 */
export const rescoreCompletenessJob = defineJob({
  kind: 'data_quality.rescore',
  schedule: '*/5 * * * *',
  startableBy: ['ADMIN'],
  async run({ scope, progress }) {
    let done = 0;
    await rescoreDue(scope, (count) => progress((done += count)));
  },
});
