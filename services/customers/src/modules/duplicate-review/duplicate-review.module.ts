import { defineModule } from '@crm/platform';
import { duplicateReviewConsumer } from './duplicate-review.consumer';
import { DuplicateReviewSchema } from './duplicate-review.entity';
import { duplicateReviewResolvers } from './duplicate-review.resolvers';
import { duplicateReviewMigrations } from './migrations';

/** CUS-3's fuzzy half: likely duplicates found after each create, checked before saving, and reviewed. */
export const duplicateReviewModule = defineModule({
  name: 'duplicate-review',
  entities: [DuplicateReviewSchema],
  migrations: duplicateReviewMigrations,
  resolvers: [duplicateReviewResolvers],
  consumers: [duplicateReviewConsumer],
});
