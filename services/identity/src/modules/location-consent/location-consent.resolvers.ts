import type { Resolvers } from '../../generated/graphql';
import { checkLocationRecording, registerCompanyDevice, setLocationConsent, setWorkingHours } from './location-consent.service';

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export const locationConsentResolvers: Resolvers = {
  Query: {
    locationRecording: (_root, args, context) => checkLocationRecording(context, args),
  },
  Mutation: {
    setLocationConsent: (_root, { given }, context) => setLocationConsent(context, given),
    registerCompanyDevice: (_root, { input }, context) => registerCompanyDevice(context, input),
    setWorkingHours: async (_root, { input }, context) => {
      const hours = await setWorkingHours(context, input);
      return { orgUnitId: hours.orgUnitId, weekdays: hours.weekdays, start: hhmm(hours.startMinute), end: hhmm(hours.endMinute) };
    },
  },
};
