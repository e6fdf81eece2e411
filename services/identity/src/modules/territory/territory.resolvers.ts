import { requireActor } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { bindTerritoryArea, territoryAreaOverlaps, unbindTerritoryArea } from './territory-area.service';
import { bindTerritory, resolveTerritory, territoryCoverage, unbindTerritory } from './territory.service';

export const territoryResolvers: Resolvers = {
  Query: {
    territoryOwner: (_root, location, { em }) => resolveTerritory(em, location),
    territoryCoverage: (_root, { divisionCode }, { em, actor }) => territoryCoverage(em, requireActor(actor), divisionCode),
    territoryAreaOverlaps: (_root, _args, { em, actor }) => territoryAreaOverlaps(em, requireActor(actor)),
  },
  Mutation: {
    bindTerritory: (_root, { input }, { em, actor }) => bindTerritory(em, requireActor(actor), input),
    unbindTerritory: (_root, { divisionCode }, { em, actor }) => unbindTerritory(em, requireActor(actor), divisionCode),
    bindTerritoryArea: (_root, { input }, { em, actor }) => bindTerritoryArea(em, requireActor(actor), input),
    unbindTerritoryArea: (_root, { id }, { em, actor }) => unbindTerritoryArea(em, requireActor(actor), id),
  },
  TerritoryArea: {
    orgUnit: async (area, _args, { loaders }) => (await loaders.orgUnit.load(area.orgUnitId))!,
    boundary: (area) => area.boundary.map(([longitude, latitude]) => ({ longitude, latitude })),
  },
};
