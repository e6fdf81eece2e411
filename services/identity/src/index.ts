import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { LeavePeriodSchema } from './modules/availability';
import { CompanyDeviceSchema, LocationConsentSchema, UnitWorkingHoursSchema } from './modules/location-consent';
import { OpenWorkItemSchema, openWorkConsumer } from './modules/open-work';
import { OrgUnitSchema } from './modules/org-unit';
import { ProductLineRepSchema, SalesTeamMemberSchema, SalesTeamSchema } from './modules/sales-team';
import { RefreshTokenSchema, publicFields, signedInActor } from './modules/session';
import { TerritoryAreaSchema, TerritoryBindingSchema } from './modules/territory';
import { PositionSchema, UserSchema } from './modules/user';

export const identitySubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'identity',
  resolvers,
  entities: [
    OrgUnitSchema,
    UserSchema,
    PositionSchema,
    RefreshTokenSchema,
    LocationConsentSchema,
    CompanyDeviceSchema,
    UnitWorkingHoursSchema,
    TerritoryBindingSchema,
    TerritoryAreaSchema,
    SalesTeamSchema,
    SalesTeamMemberSchema,
    ProductLineRepSchema,
    LeavePeriodSchema,
    OpenWorkItemSchema,
  ],
  migrations,
  createLoaders,
  consumers: [openWorkConsumer],
  currentActor: signedInActor,
  publicFields,
  seedDemoData,
};
