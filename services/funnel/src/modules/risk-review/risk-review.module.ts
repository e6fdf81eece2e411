import { defineModule } from '@crm/platform';
import { conversionLinkConsumer } from './conversion-link.consumer';
import { riskReviewMigrations } from './migrations';
import { NewCustomerReviewSchema, NewCustomerRiskSettingsSchema } from './risk-review.entity';
import { riskReviewResolvers } from './risk-review.resolvers';

/**
 * FUN-9: risk control of the new customers conversions create — assessed at conversion, suspicious
 * ones queued for managers to approve or reject, the state published so unapproved ones earn no
 * KPI credit (seed 003 §3: reps fake "new customers"); one customers did not create, as its key was
 * another's, is rejected.
 */
export const riskReviewModule = defineModule({
  name: 'risk-review',
  entities: [NewCustomerReviewSchema, NewCustomerRiskSettingsSchema],
  migrations: riskReviewMigrations,
  resolvers: [riskReviewResolvers],
  consumers: [conversionLinkConsumer],
});
