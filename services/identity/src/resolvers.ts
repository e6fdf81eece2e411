import type { Resolvers } from './generated/graphql';
import { availabilityResolvers } from './modules/availability';
import { locationConsentResolvers } from './modules/location-consent';
import { offboardingResolvers } from './modules/offboarding';
import { orgUnitResolvers } from './modules/org-unit';
import { salesTeamResolvers } from './modules/sales-team';
import { sessionResolvers } from './modules/session';
import { territoryResolvers } from './modules/territory';
import { unitClosureResolvers } from './modules/unit-closure';
import { userResolvers } from './modules/user';

export const resolvers: Resolvers[] = [orgUnitResolvers, userResolvers, sessionResolvers, offboardingResolvers, locationConsentResolvers, territoryResolvers, salesTeamResolvers, availabilityResolvers, unitClosureResolvers];
