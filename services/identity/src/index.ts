import type { SubgraphDefinition } from '@crm/platform';
import { createLoaders } from './context';
import { seedDemoData } from './demo/seed-demo-data';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { CompanyDeviceSchema, LocationConsentSchema, UnitWorkingHoursSchema } from './modules/location-consent';
import { OrgUnitSchema } from './modules/org-unit';
import { RefreshTokenSchema, publicFields } from './modules/session';
import { TerritoryBindingSchema } from './modules/territory';
import { PositionSchema, UserSchema, isActiveUser } from './modules/user';

export const identitySubgraph: SubgraphDefinition<ReturnType<typeof createLoaders>> = {
  name: 'identity',
  resolvers,
  entities: [OrgUnitSchema, UserSchema, PositionSchema, RefreshTokenSchema, LocationConsentSchema, CompanyDeviceSchema, UnitWorkingHoursSchema, TerritoryBindingSchema],
  migrations,
  createLoaders,
  isActive: isActiveUser,
  publicFields,
  seedDemoData,
};
