import { defineModule } from '@crm/platform';
import { orgUnitMigrations } from './migrations';
import { OrgUnitSchema } from './org-unit.entity';
import { orgUnitResolvers } from './org-unit.resolvers';

/** The org tree: units, their paths, creating, renaming and moving them (ORG-1). */
export const orgUnitModule = defineModule({
  name: 'org-unit',
  entities: [OrgUnitSchema],
  migrations: orgUnitMigrations,
  resolvers: [orgUnitResolvers],
});
