export { offboardingResolvers } from './offboarding.resolvers';
