import { defineModule } from '@crm/platform';
import { unitClosureResolvers } from './unit-closure.resolvers';

/** Closing an org unit once nothing hangs on it: sub-units, people, territories, open work. */
export const unitClosureModule = defineModule({
  name: 'unit-closure',
  resolvers: [unitClosureResolvers],
});
