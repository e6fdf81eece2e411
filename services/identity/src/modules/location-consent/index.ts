export { CompanyDeviceSchema, LocationConsentSchema, UnitWorkingHoursSchema } from './location-consent.entity';
export { locationConsentResolvers } from './location-consent.resolvers';
export { locationRefusal, shanghaiWeekdayAndMinute, type LocationFacts, type LocationRefusal } from './location-policy';
