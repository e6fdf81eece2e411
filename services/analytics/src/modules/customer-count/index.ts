export { customerCountConsumer } from './customer-count.consumer';
export { createCustomerCountLoaders } from './customer-count.loaders';
export { customerCountResolvers } from './customer-count.resolvers';
export { OwnerCustomerCount, OwnerCustomerCountSchema } from './owner-customer-count.entity';
