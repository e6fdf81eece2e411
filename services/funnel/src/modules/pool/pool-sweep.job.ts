import { defineJob } from '@crm/platform';
import { sweepPools } from './pool-sweep';

/** FUN-4: every five minutes, once across replicas (a singleton, one run per tick); admins may start it by hand. */
export const poolSweepJob = defineJob({
  kind: 'pool.sweep',
  schedule: '*/5 * * * *',
  startableBy: ['ADMIN'],
  async run({ scope, logger }) {
    const result = await sweepPools(scope);
    logger.info(result, 'pools swept');
  },
});
