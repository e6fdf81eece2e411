export { TerritoryBindingSchema } from './territory-binding.entity';
export { territoryResolvers } from './territory.resolvers';
