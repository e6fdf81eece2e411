import { definePermissions } from '@crm/platform';

/** ORG-8: who may issue devices and set working hours. Consent is each person's own to give or withdraw. */
export const locationConsentPermissions = definePermissions({
  'company_device.register': ['ADMIN', 'MANAGER'],
  'working_hours.set': ['ADMIN'],
});
