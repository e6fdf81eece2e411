import { defineModule } from '@crm/platform';
import { territoryMigrations } from './migrations';
import { TerritoryAreaSchema } from './territory-area.entity';
import { TerritoryBindingSchema } from './territory-binding.entity';
import { territoryResolvers } from './territory.resolvers';

/** Territories (ORG-3): administrative divisions and geo areas bound to the org units that own the work in them. */
export const territoryModule = defineModule({
  name: 'territory',
  entities: [TerritoryBindingSchema, TerritoryAreaSchema],
  migrations: territoryMigrations,
  resolvers: [territoryResolvers],
});
