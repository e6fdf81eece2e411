import { parseId, parsePageArgs, toConnection } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';

export const orgUnitResolvers: Resolvers = {
  Query: {
    orgUnit: (_root, { id }, { loaders }) => loaders.orgUnit.load(parseId(id)),
  },
  OrgUnit: {
    __resolveReference: (ref, { loaders }) => loaders.orgUnit.load(ref.id),
    parent: (unit, _args, { loaders }) => (unit.parentId ? loaders.orgUnit.load(unit.parentId) : null),
    children: async (unit, args, { loaders }) => {
      const page = parsePageArgs(args);
      return toConnection(await loaders.orgUnitChildren.load(unit.id, page), page);
    },
    members: async (unit, args, { loaders }) => {
      const page = parsePageArgs(args);
      return toConnection(await loaders.orgUnitMembers.load(unit.id, page), page);
    },
  },
};
