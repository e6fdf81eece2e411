import { auditTrailResolver, parseId, parsePageArgs } from '@crm/platform';
import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import { createOrgUnit, findOrgUnitInReach, listOrgUnits, moveOrgUnit, renameOrgUnit } from './org-unit.service';

export const orgUnitResolvers: Resolvers = {
  Query: {
    orgUnit: (_root, { id }, { loaders }) => loaders.orgUnit.load(parseId(id)),
    orgUnits: (_root, args, { em }) => listOrgUnits(em, args.under, parsePageArgs(args)),
    orgUnitAuditTrail: auditTrailResolver('OrgUnit', ({ em, actor }: Context, id) => findOrgUnitInReach(em, actor, id)),
  },
  Mutation: {
    createOrgUnit: (_root, { input }, context) => createOrgUnit(context, input),
    renameOrgUnit: (_root, { input }, context) => renameOrgUnit(context, input),
    moveOrgUnit: (_root, { input }, context) => moveOrgUnit(context, input),
  },
  OrgUnit: {
    __resolveReference: (ref, { loaders }) => loaders.orgUnit.load(ref.id),
    parent: (unit, _args, { loaders }) => (unit.parentId ? loaders.orgUnit.load(unit.parentId) : null),
    children: (unit, args, { loaders }) => loaders.orgUnitChildren.connection(unit.id, args),
  },
};
