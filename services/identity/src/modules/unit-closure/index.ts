export { unitClosureResolvers } from './unit-closure.resolvers';
