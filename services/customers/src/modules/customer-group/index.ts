export { customerGroupModule } from './customer-group.module';
export { CustomerCreditLimit, CustomerLink, CustomerOrderDefaults } from './customer-group.entity';
export { createCustomerGroupLoaders, type CustomerGroupLoaders } from './customer-group.loaders';
