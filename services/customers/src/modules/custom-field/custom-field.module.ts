import { defineModule } from '@crm/platform';
import { customFieldMergeConsumer } from './custom-field-merge.consumer';
import { CustomerCustomValueSchema, CustomFieldDefinitionSchema } from './custom-field.entity';
import { customFieldResolvers } from './custom-field.resolvers';
import { customFieldMigrations } from './migrations';

/** CUS-1: admin-defined, typed custom fields of customers, their values, filters and counts. */
export const customFieldModule = defineModule({
  name: 'custom-field',
  entities: [CustomFieldDefinitionSchema, CustomerCustomValueSchema],
  migrations: customFieldMigrations,
  resolvers: [customFieldResolvers],
  consumers: [customFieldMergeConsumer],
});
