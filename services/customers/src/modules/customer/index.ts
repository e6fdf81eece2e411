export { Customer, CustomerSchema, type CustomerKind } from './customer.entity';
export { createCustomerLoaders, type CustomerLoaders } from './customer.loaders';
export { customerResolvers } from './customer.resolvers';
export { customerHandoverConsumer } from './customer-handover.consumer';
export { recordCustomerCreated, recordCustomerTeamChanged } from './customer.service';
