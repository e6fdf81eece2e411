import { defineModule } from '@crm/platform';
import { offboardingResolvers } from './offboarding.resolvers';

/** ORG-7: someone leaves; their sessions end and their work goes to a successor (via `user.deactivated`). */
export const offboardingModule = defineModule({
  name: 'offboarding',
  resolvers: [offboardingResolvers],
});
