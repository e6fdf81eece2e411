import type { Resolvers } from '../../generated/graphql';
import { bindTerritoryArea, territoryAreaOverlaps, unbindTerritoryArea } from './territory-area.service';
import { bindTerritory, resolveTerritory, territoryCoverage, unbindTerritory } from './territory.service';

export const territoryResolvers: Resolvers = {
  Query: {
    territoryOwner: (_root, location, { em }) => resolveTerritory(em, location),
    territoryCoverage: (_root, { divisionCode }, context) => territoryCoverage(context, divisionCode),
    territoryAreaOverlaps: (_root, _args, context) => territoryAreaOverlaps(context),
  },
  Mutation: {
    bindTerritory: (_root, { input }, context) => bindTerritory(context, input),
    unbindTerritory: (_root, { divisionCode }, context) => unbindTerritory(context, divisionCode),
    bindTerritoryArea: (_root, { input }, context) => bindTerritoryArea(context, input),
    unbindTerritoryArea: (_root, { id }, context) => unbindTerritoryArea(context, id),
  },
  TerritoryArea: {
    orgUnit: async (area, _args, { loaders }) => (await loaders.orgUnit.load(area.orgUnitId))!,
    boundary: (area) => area.boundary.map(([longitude, latitude]) => ({ longitude, latitude })),
  },
};
