export { availabilityResolvers } from './availability.resolvers';
export { LeavePeriodSchema } from './leave-period.entity';
