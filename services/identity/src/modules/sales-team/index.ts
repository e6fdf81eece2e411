export { ProductLineRepSchema, SalesTeamMemberSchema, SalesTeamSchema, SalesTeam } from './sales-team.entity';
export { salesTeamResolvers } from './sales-team.resolvers';
