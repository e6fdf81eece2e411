import { defineModule } from '@crm/platform';
import { sessionMigrations } from './migrations';
import { purgeExpiredSessionsJob } from './purge-expired-sessions.job';
import { RefreshTokenSchema } from './refresh-token.entity';
import { sessionResolvers } from './session.resolvers';

/** Signing in: access tokens, single-use refresh tokens, and the nightly purge of old ones. */
export const sessionModule = defineModule({
  name: 'session',
  entities: [RefreshTokenSchema],
  migrations: sessionMigrations,
  resolvers: [sessionResolvers],
  jobs: [purgeExpiredSessionsJob],
});
