export { TerritoryArea, TerritoryAreaSchema } from './territory-area.entity';
export { TerritoryBindingSchema } from './territory-binding.entity';
export { territoryResolvers } from './territory.resolvers';
export { territoriesHeldUnder } from './territory.service';
