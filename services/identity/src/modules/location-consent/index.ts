export { locationConsentModule } from './location-consent.module';
export { CompanyDeviceSchema, LocationConsentSchema, UnitWorkingHoursSchema } from './location-consent.entity';
export { locationRefusal, shanghaiWeekdayAndMinute, type LocationFacts, type LocationRefusal } from './location-policy';
