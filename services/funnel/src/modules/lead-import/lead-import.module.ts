import { defineModule, purgeExpiredUploadsJob } from '@crm/platform';
import { LeadImportErrorSchema, LeadImportSchema } from './lead-import.entity';
import { leadImportJob } from './lead-import.job';
import { leadImportResolvers } from './lead-import.resolvers';
import { leadImportMigrations } from './migrations';

/** Leads from a CSV or XLSX file through lead cleaning, row by row, with a report per row; optionally verified and distributed. */
export const leadImportModule = defineModule({
  name: 'lead-import',
  entities: [LeadImportSchema, LeadImportErrorSchema],
  migrations: leadImportMigrations,
  resolvers: [leadImportResolvers],
  jobs: [leadImportJob, purgeExpiredUploadsJob('lead')],
});
