import { defineModule } from '@crm/platform';
import { poolMigrations } from './migrations';
import { poolConsumer } from './pool.consumer';
import { PoolEntrySchema, PoolMovementSchema, PoolPolicySchema, RepPoolCapacitySchema } from './pool.entity';
import { poolResolvers } from './pool.resolvers';
import { poolSweepJob } from './pool-sweep.job';

/**
 * FUN-4: public and private pools of opportunities (and, where a unit enables it, of customers
 * nobody follows): claims within territory, capacity and a daily limit; drops by the sweep with a
 * reminder first; protection of a dropped record from its former owner; flows per unit.
 */
export const poolModule = defineModule({
  name: 'pool',
  entities: [PoolEntrySchema, PoolPolicySchema, RepPoolCapacitySchema, PoolMovementSchema],
  migrations: poolMigrations,
  resolvers: [poolResolvers],
  consumers: [poolConsumer],
  jobs: [poolSweepJob],
});
