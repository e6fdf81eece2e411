export { publicFields, sessionResolvers } from './session.resolvers';
