import { defineModule } from '@crm/platform';
import { dataQualityProjector } from './data-quality.projector';
import { dataQualityResolvers } from './data-quality.resolvers';
import { dataQualityMigrations } from './migrations';

/** Reps' daily data quality (CUS-7) as customers publishes it, summed over a period for appraisal (ANA-7). */
export const dataQualityModule = defineModule({
  name: 'data-quality',
  migrations: dataQualityMigrations,
  resolvers: [dataQualityResolvers],
  consumers: [dataQualityProjector],
});
