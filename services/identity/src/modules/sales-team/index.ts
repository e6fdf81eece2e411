export { ProductLineRep, ProductLineRepSchema, SalesTeamMember, SalesTeamMemberSchema, SalesTeamSchema, SalesTeam } from './sales-team.entity';
export { salesTeamResolvers } from './sales-team.resolvers';
export { recordSalesTeamChanged, teamIdsOf } from './sales-team.service';
export { createSalesTeamLoaders } from './sales-team.loaders';
