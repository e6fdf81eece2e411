export { customerModule } from './customer.module';
export { Customer, CustomerSchema } from './customer.entity';
export { createCustomerLoaders, type CustomerLoaders } from './customer.loaders';
export { recordCustomerCreated, recordCustomerTeamChanged, requireInTerritory } from './customer.service';
export { addressMatchText, companyMatchText, matchTextOf } from './match-text';
export { addIdentityKeys, customerRecordInput, findKeyHolder, newCustomerInput, parseDivision, parseIdentityKeys, type KeyHolder } from './customer-record';
export { listedCustomers, survivorOf, visibleCustomers } from './customer.loaders';
export { CustomerNotFoundException, DuplicateCustomerKeyException } from './customer.exception';
// Contacts check mobiles by the platform's rule, which CUS-2's keys moved to so funnel can share it.
export { checkMobile } from '@crm/platform';
export { findKeyHolders, insertCustomers, keyId, newCustomer, type NewCustomer } from './customer-bulk-create';
export { extendCustomerFilter, type CustomerFilter, type CustomerFilterExtension } from './customer-search';
