export { salesTeamModule } from './sales-team.module';
export { ProductLineRep, ProductLineRepSchema, SalesTeamMember, SalesTeamMemberSchema, SalesTeamSchema, SalesTeam } from './sales-team.entity';
export { findSalesTeamInReach, recordSalesTeamChanged, teamIdsOf } from './sales-team.service';
export { createSalesTeamLoaders } from './sales-team.loaders';
