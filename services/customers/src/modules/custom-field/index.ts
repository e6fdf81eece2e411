export { customFieldModule } from './custom-field.module';
export { CustomFieldDefinition, CustomerCustomValue, type CustomFieldValue } from './custom-field.entity';
export { createCustomFieldLoaders, type CustomFieldLoaders } from './custom-field.loaders';
