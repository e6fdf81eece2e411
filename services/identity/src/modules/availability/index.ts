export { availabilityModule } from './availability.module';
export { LeavePeriod, LeavePeriodSchema } from './leave-period.entity';
