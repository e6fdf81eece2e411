import { defineJob } from '@crm/platform';
import { purgeSignInCounters } from './sign-in-throttle';

/** How long an expired or revoked refresh token is kept: long enough to investigate a reused token. */
export const PURGE_AFTER_DAYS = 30;
const BATCH_SIZE = 1_000;
const DAY_MS = 86_400_000;

/** Refresh tokens that expired, or were revoked, before the cutoff (both bindings: the cutoff). */
const PURGEABLE = 'expires_at < ? or revoked_at < ?';

/**
 * Every night at 03:00 (Shanghai), deletes the refresh tokens that expired or were revoked more
 * than 30 days ago. Batches of 1,000 keep each delete's locks short; the run reports its progress.
 * It also drops the failed-sign-in counters whose window ended more than a day ago.
 */
export const purgeExpiredSessionsJob = defineJob({
  kind: 'session.purge_expired',
  schedule: '0 3 * * *',
  startableBy: ['ADMIN'],
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  async run({ scope, progress }) {
    const connection = scope.em.getConnection();
    const cutoff = new Date(scope.clock.now().getTime() - PURGE_AFTER_DAYS * DAY_MS);
    const [{ n: total } = { n: 0 }] = (await connection.execute(
      `select count(*)::int as n from refresh_token where ${PURGEABLE}`,
      [cutoff, cutoff],
    )) as { n: number }[];
    await progress(0, total);
    let done = 0;
    for (;;) {
      const deleted = (await connection.execute(
        `delete from refresh_token where id in (select id from refresh_token where ${PURGEABLE} limit ${BATCH_SIZE})`,
        [cutoff, cutoff],
        'run',
      )) as { affectedRows: number };
      if (deleted.affectedRows === 0) break;
      done += deleted.affectedRows;
      await progress(done, total);
      if (deleted.affectedRows < BATCH_SIZE) break;
    }
    await purgeSignInCounters(scope, new Date(scope.clock.now().getTime() - DAY_MS));
  },
});
