import { defineModule } from '@crm/platform';
import { CollusionFlagSchema, CollusionMovementSchema, CollusionSettingsSchema } from './collusion.entity';
import { collusionResolvers } from './collusion.resolvers';
import { collusionMigrations } from './migrations';
import { collusionMovementConsumer } from './movement-log.consumer';

/**
 * FUN-5: the pools' drops and claims are logged and checked for reps trading records (quick
 * hand-offs, ping-pong, a teammate claiming as protection ends); flags go to the managers above
 * both people with the sequence as evidence, to be dismissed or acted on by reversing a claim.
 */
export const collusionModule = defineModule({
  name: 'collusion',
  entities: [CollusionMovementSchema, CollusionFlagSchema, CollusionSettingsSchema],
  migrations: collusionMigrations,
  resolvers: [collusionResolvers],
  consumers: [collusionMovementConsumer],
});
