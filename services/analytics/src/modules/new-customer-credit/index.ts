export { newCustomerCreditModule } from './new-customer-credit.module';
export { newCustomerCreditProjector } from './new-customer-credit.projector';
