export { customerOwnerConsumer } from './customer-owner.consumer';
export { CustomerOwner, CustomerOwnerSchema } from './customer-owner.entity';
export { customerHandler, isCustomerVisible, visibleCustomerCondition } from './customer-visibility';
