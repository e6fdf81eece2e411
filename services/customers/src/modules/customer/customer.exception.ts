import { DomainException, ErrorCodes } from '@crm/platform';

export class CustomerNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No customer with id ${id} that you can see.`, { reason: 'CUSTOMER_NOT_FOUND' });
  }
}
