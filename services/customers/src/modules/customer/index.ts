export { customerModule } from './customer.module';
export { Customer, CustomerSchema } from './customer.entity';
export { createCustomerLoaders, type CustomerLoaders } from './customer.loaders';
export { recordCustomerCreated, recordCustomerTeamChanged } from './customer.service';
export { addressMatchText, companyMatchText, matchTextOf } from './match-text';
export { customerRecordInput, findKeyHolder, parseIdentityKeys, type KeyHolder } from './customer-record';
export { listedCustomers, visibleCustomers } from './customer.loaders';
export { CustomerNotFoundException } from './customer.exception';
export { checkMobile } from './identity-keys';
