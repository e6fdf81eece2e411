import { parseId, parsePageArgs, requireActor } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { assignProductLine, createSalesTeam, productLinesOf, repForProductLine, requireSalesTeam, teamMembers } from './sales-team.service';

export const salesTeamResolvers: Resolvers = {
  Query: {
    salesTeam: (_root, { id }, { em }) => requireSalesTeam(em, parseId(id)),
    repForProductLine: async (_root, { teamId, productLine }, { em, loaders }) =>
      (await loaders.user.load(await repForProductLine(em, teamId, productLine)))!,
  },
  Mutation: {
    createSalesTeam: (_root, { input }, { em, actor }) => createSalesTeam(em, requireActor(actor), input),
    assignProductLine: (_root, { input }, { em, actor }) => assignProductLine(em, requireActor(actor), input),
  },
  SalesTeam: {
    __resolveReference: (ref, { loaders }) => loaders.salesTeam.load(ref.id),
    leader: async (team, _args, { loaders }) => (await loaders.user.load(team.leaderId))!,
    members: (team, args, { em }) => teamMembers(em, team.id, parsePageArgs(args)),
    productLines: async (team, _args, { em, loaders }) =>
      Promise.all((await productLinesOf(em, team.id)).map(async (line) => ({ productLine: line.productLine, rep: (await loaders.user.load(line.userId))! }))),
  },
};
