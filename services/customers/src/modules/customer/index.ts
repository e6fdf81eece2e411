export { customerModule } from './customer.module';
export { Customer, CustomerSchema } from './customer.entity';
export { createCustomerLoaders, type CustomerLoaders } from './customer.loaders';
export { recordCustomerCreated, recordCustomerTeamChanged } from './customer.service';
