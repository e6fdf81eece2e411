export { sessionModule } from './session.module';
export { RefreshToken, RefreshTokenSchema } from './refresh-token.entity';
export { purgeExpiredSessionsJob, PURGE_AFTER_DAYS } from './purge-expired-sessions.job';
export { revokeSessions } from './session.service';
export { publicFields } from './session.resolvers';
export { signedInActor } from './signed-in-actor';
