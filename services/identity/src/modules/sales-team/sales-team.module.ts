import { defineModule } from '@crm/platform';
import { salesTeamMigrations } from './migrations';
import { ProductLineRepSchema, SalesTeamMemberSchema, SalesTeamSchema } from './sales-team.entity';
import { salesTeamResolvers } from './sales-team.resolvers';

/** Sales teams: reps sharing customers under a leader, and who sells which product line (ORG-4). */
export const salesTeamModule = defineModule({
  name: 'sales-team',
  entities: [SalesTeamSchema, SalesTeamMemberSchema, ProductLineRepSchema],
  migrations: salesTeamMigrations,
  resolvers: [salesTeamResolvers],
});
