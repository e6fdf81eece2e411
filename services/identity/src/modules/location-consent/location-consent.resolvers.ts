import { requireActor } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { checkLocationRecording, registerCompanyDevice, setLocationConsent, setWorkingHours } from './location-consent.service';

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export const locationConsentResolvers: Resolvers = {
  Query: {
    locationRecording: (_root, args, { em, actor }) => checkLocationRecording(em, requireActor(actor), args),
  },
  Mutation: {
    setLocationConsent: (_root, { given }, { em, actor }) => setLocationConsent(em, requireActor(actor), given),
    registerCompanyDevice: (_root, { input }, { em, actor }) => registerCompanyDevice(em, requireActor(actor), input),
    setWorkingHours: async (_root, { input }, { em, actor }) => {
      const hours = await setWorkingHours(em, requireActor(actor), input);
      return { orgUnitId: hours.orgUnitId, weekdays: hours.weekdays, start: hhmm(hours.startMinute), end: hhmm(hours.endMinute) };
    },
  },
};
