export { poolModule } from './pool.module';
export { poolConsumer } from './pool.consumer';
export { PoolEntry, RepPoolCapacity } from './pool.entity';
export { enterPrivatePool } from './pool-entry';
export { poolLoadOf, effectivePolicy, DEFAULT_POOL_POLICY, type EffectivePolicy } from './pool-policy';
export { claimPoolRecord, releasePoolRecord, reverseClaim, requireNotInPublicPool } from './pool.service';
export { sweepPools, type SweepResult } from './pool-sweep';
export { createPoolLoaders } from './pool.loaders';
