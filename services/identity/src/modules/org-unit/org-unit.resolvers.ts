import { parseId, parsePageArgs, requireActor } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { createOrgUnit, listOrgUnits, moveOrgUnit, renameOrgUnit } from './org-unit.service';

export const orgUnitResolvers: Resolvers = {
  Query: {
    orgUnit: (_root, { id }, { loaders }) => loaders.orgUnit.load(parseId(id)),
    orgUnits: (_root, args, { em }) => listOrgUnits(em, args.under, parsePageArgs(args)),
  },
  Mutation: {
    createOrgUnit: (_root, { input }, { em, actor }) => createOrgUnit(em, requireActor(actor), input),
    renameOrgUnit: (_root, { input }, { em, actor }) => renameOrgUnit(em, requireActor(actor), input),
    moveOrgUnit: (_root, { input }, { em, actor }) => moveOrgUnit(em, requireActor(actor), input),
  },
  OrgUnit: {
    __resolveReference: (ref, { loaders }) => loaders.orgUnit.load(ref.id),
    parent: (unit, _args, { loaders }) => (unit.parentId ? loaders.orgUnit.load(unit.parentId) : null),
    children: (unit, args, { loaders }) => loaders.orgUnitChildren.connection(unit.id, args),
    members: (unit, args, { loaders }) => loaders.orgUnitMembers.connection(unit.id, args),
  },
};
