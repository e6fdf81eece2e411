export { RefreshTokenSchema } from './refresh-token.entity';
export { revokeSessions } from './session.service';
export { publicFields, sessionResolvers } from './session.resolvers';
export { signedInActor } from './signed-in-actor';
