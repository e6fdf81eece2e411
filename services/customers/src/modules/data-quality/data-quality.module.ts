import { defineModule } from '@crm/platform';
import { DataQualityConfigSchema } from './data-quality.entity';
import { dataQualityConsumer } from './data-quality.consumer';
import { publishRepDataQualityJob } from './data-quality-publish.job';
import { dataQualityResolvers } from './data-quality.resolvers';
import { rescoreCompletenessJob } from './data-quality-rescore.job';
import { dataQualityMigrations } from './migrations';

/** CUS-7: completeness of customer records and timeliness of entries, per rep and unit, published daily for appraisal. */
export const dataQualityModule = defineModule({
  name: 'data-quality',
  entities: [DataQualityConfigSchema],
  migrations: dataQualityMigrations,
  resolvers: [dataQualityResolvers],
  consumers: [dataQualityConsumer],
  jobs: [rescoreCompletenessJob, publishRepDataQualityJob],
});
