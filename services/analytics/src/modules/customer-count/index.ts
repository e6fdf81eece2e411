export { customerCountModule } from './customer-count.module';
export { customerCountProjector } from './customer-count.projector';
export { createCustomerCountLoaders, type CustomerCountLoaders } from './customer-count.loaders';
export { OwnerCustomerCount, OwnerCustomerCountSchema } from './owner-customer-count.projection';
