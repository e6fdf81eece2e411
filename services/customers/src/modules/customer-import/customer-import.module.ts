import { defineModule, purgeExpiredUploadsJob } from '@crm/platform';
import { CustomerImportErrorSchema, CustomerImportSchema } from './customer-import.entity';
import { customerImportJob } from './customer-import.job';
import { customerImportResolvers } from './customer-import.resolvers';
import { customerImportMigrations } from './migrations';

/** Customers and their contacts from a CSV or XLSX file, checked row by row, with a report of what was not imported. */
export const customerImportModule = defineModule({
  name: 'customer-import',
  entities: [CustomerImportSchema, CustomerImportErrorSchema],
  migrations: customerImportMigrations,
  resolvers: [customerImportResolvers],
  jobs: [customerImportJob, purgeExpiredUploadsJob('customer')],
});
