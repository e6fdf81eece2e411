/**
 * `@crm/customers/replica`: what customers publishes for the other subgraphs to keep and apply
 * locally — its replica of who owns and shares each customer, and its rules over it. A subgraph
 * lists `customerReplica` (after `identityReplica`, whose rules these use) among its modules; one
 * that takes orders lists `customerGroupReplica` too (customer groups: order parties, credit).
 */
export { customerReplica } from './customer-replica';
export { customerGroupReplica } from './customer-group-replica';
export { CREDIT_LIMITS_SQL, creditLimitsFrom, creditLimitsOf, creditLimitsOfMany, groupMembersOf, orderPartiesOf, type CreditLimits, type CreditLimitsRow, type OrderParties } from './order-terms';
export { CustomerOwnerReplica, CustomerOwnerReplicaSchema } from './customer-owner.replica';
export {
  CustomerNotVisibleException,
  customerHandler,
  isCustomerVisible,
  requireVisibleCustomer,
  visibleCustomerCondition,
} from './customer-visibility';
