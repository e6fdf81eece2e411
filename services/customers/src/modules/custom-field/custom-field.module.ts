import { defineModule } from '@crm/platform';
import { extendCustomerFilter } from '../customer';
import { customFieldMergeConsumer } from './custom-field-merge.consumer';
import { CustomerCustomValueSchema, CustomFieldDefinitionSchema } from './custom-field.entity';
import { customFieldResolvers } from './custom-field.resolvers';
import { customFieldsFilter } from './custom-field.service';
import { customFieldMigrations } from './migrations';

// The customer search takes its custom-field part from here: this module knows the fields' types.
extendCustomerFilter(customFieldsFilter);

/** CUS-1: admin-defined, typed custom fields of customers, their values, filters and counts. */
export const customFieldModule = defineModule({
  name: 'custom-field',
  entities: [CustomFieldDefinitionSchema, CustomerCustomValueSchema],
  migrations: customFieldMigrations,
  resolvers: [customFieldResolvers],
  consumers: [customFieldMergeConsumer],
});
