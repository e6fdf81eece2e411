import { DomainException, ErrorCodes } from '@crm/platform';

export class CustomerNotVisibleException extends DomainException {
  constructor(customerId: string) {
    super(ErrorCodes.NotFound, `customerId: no customer with id ${customerId} that you can see.`, { reason: 'CUSTOMER_NOT_FOUND', field: 'customerId' });
  }
}
