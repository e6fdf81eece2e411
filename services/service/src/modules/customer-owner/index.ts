export { customerOwnerConsumer } from './customer-owner.consumer';
export { CustomerOwner, CustomerOwnerSchema } from './customer-owner.entity';
export { isCustomerVisible, visibleCustomerCondition } from './customer-visibility';
