import { requireActor } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { bindTerritory, resolveTerritory, territoryCoverage, unbindTerritory } from './territory.service';

export const territoryResolvers: Resolvers = {
  Query: {
    territoryOwner: (_root, { divisionCode }, { em }) => resolveTerritory(em, divisionCode),
    territoryCoverage: (_root, { divisionCode }, { em, actor }) => territoryCoverage(em, requireActor(actor), divisionCode),
  },
  Mutation: {
    bindTerritory: (_root, { input }, { em, actor }) => bindTerritory(em, requireActor(actor), input),
    unbindTerritory: (_root, { divisionCode }, { em, actor }) => unbindTerritory(em, requireActor(actor), divisionCode),
  },
};
