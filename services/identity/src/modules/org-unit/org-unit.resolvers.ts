import { parseId } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';

export const orgUnitResolvers: Resolvers = {
  Query: {
    orgUnit: (_root, { id }, { loaders }) => loaders.orgUnit.load(parseId(id)),
  },
  OrgUnit: {
    __resolveReference: (ref, { loaders }) => loaders.orgUnit.load(ref.id),
    parent: (unit, _args, { loaders }) => (unit.parentId ? loaders.orgUnit.load(unit.parentId) : null),
    children: (unit, args, { loaders }) => loaders.orgUnitChildren.connection(unit.id, args),
    members: (unit, args, { loaders }) => loaders.orgUnitMembers.connection(unit.id, args),
  },
};
