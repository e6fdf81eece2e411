import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { availabilityModule } from './modules/availability';
import { locationConsentModule } from './modules/location-consent';
import { offboardingModule } from './modules/offboarding';
import { openWorkModule } from './modules/open-work';
import { orgUnitModule } from './modules/org-unit';
import { salesTeamModule } from './modules/sales-team';
import { publicFields, sessionModule, signedInActor } from './modules/session';
import { territoryModule } from './modules/territory';
import { unitClosureModule } from './modules/unit-closure';
import { userModule } from './modules/user';

/**
 * identity: people, the org tree, teams, territories and sessions. It owns the people every other
 * subgraph replicates, so it keeps no directory replica and knows the signed-in person itself.
 */
export const identitySubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'identity',
  modules: [
    orgUnitModule,
    userModule,
    sessionModule,
    offboardingModule,
    locationConsentModule,
    territoryModule,
    salesTeamModule,
    availabilityModule,
    unitClosureModule,
    openWorkModule,
  ],
  createLoaders,
  currentActor: signedInActor,
  publicFields,
  seedDemoData,
};
