import { defineModule } from '@crm/platform';
import { scoringMigrations } from './migrations';
import { scoringConsumer } from './scoring.consumer';
import { ScoringRuleSchema } from './scoring.entity';
import { rescoreAllJob } from './scoring.job';
import { scoringResolvers } from './scoring.resolvers';

/**
 * FUN-3: admins' rules of fit and intent score each lead and opportunity 0–100 with the rules that
 * made it; scores follow events, rule changes and the days passing, and order the lists.
 */
export const scoringModule = defineModule({
  name: 'scoring',
  entities: [ScoringRuleSchema],
  migrations: scoringMigrations,
  resolvers: [scoringResolvers],
  consumers: [scoringConsumer],
  jobs: [rescoreAllJob],
});
