export { customerReplicaModule } from './customer-replica.module';
export { CustomerOwnerReplica, CustomerOwnerReplicaSchema } from './customer-owner.replica';
export { customerHandler, isCustomerVisible, visibleCustomerCondition } from './customer-visibility';
