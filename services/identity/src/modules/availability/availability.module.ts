import { defineModule } from '@crm/platform';
import { availabilityResolvers } from './availability.resolvers';
import { LeavePeriodSchema } from './leave-period.entity';
import { availabilityMigrations } from './migrations';

/** ORG-5: time away, and who handles a record's work while its owners are away. */
export const availabilityModule = defineModule({
  name: 'availability',
  entities: [LeavePeriodSchema],
  migrations: availabilityMigrations,
  resolvers: [availabilityResolvers],
});
