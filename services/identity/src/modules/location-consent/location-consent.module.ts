import { defineModule } from '@crm/platform';
import { CompanyDeviceSchema, LocationConsentSchema, UnitWorkingHoursSchema } from './location-consent.entity';
import { locationConsentResolvers } from './location-consent.resolvers';
import { locationConsentMigrations } from './migrations';

/** ORG-8: consent to location recording, company devices and working hours, and the check the visit features ask. */
export const locationConsentModule = defineModule({
  name: 'location-consent',
  entities: [LocationConsentSchema, CompanyDeviceSchema, UnitWorkingHoursSchema],
  migrations: locationConsentMigrations,
  resolvers: [locationConsentResolvers],
});
