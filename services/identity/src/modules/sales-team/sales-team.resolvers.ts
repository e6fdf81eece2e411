import { auditTrailResolver, parseId, parsePageArgs } from '@crm/platform';
import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import {
  assignProductLine,
  createSalesTeam,
  findSalesTeamInReach,
  productLinesOf,
  repForProductLine,
  requireSalesTeam,
  teamMembers,
} from './sales-team.service';

export const salesTeamResolvers: Resolvers = {
  Query: {
    salesTeam: (_root, { id }, { em }) => requireSalesTeam(em, parseId(id)),
    repForProductLine: async (_root, { teamId, productLine }, { em, loaders }) =>
      (await loaders.user.load(await repForProductLine(em, teamId, productLine)))!,
    salesTeamAuditTrail: auditTrailResolver('SalesTeam', ({ em, actor }: Context, id) => findSalesTeamInReach(em, actor, id)),
  },
  Mutation: {
    createSalesTeam: (_root, { input }, context) => createSalesTeam(context, input),
    assignProductLine: (_root, { input }, context) => assignProductLine(context, input),
  },
  SalesTeam: {
    __resolveReference: (ref, { loaders }) => loaders.salesTeam.load(ref.id),
    leader: async (team, _args, { loaders }) => (await loaders.user.load(team.leaderId))!,
    members: (team, args, { em }) => teamMembers(em, team.id, parsePageArgs(args)),
    productLines: async (team, _args, { em, loaders }) =>
      Promise.all((await productLinesOf(em, team.id)).map(async (line) => ({ productLine: line.productLine, rep: (await loaders.user.load(line.userId))! }))),
  },
};
