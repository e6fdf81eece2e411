import { DomainException, ErrorCodes } from '@crm/platform';

/** One the actor may not see and one that does not exist get the same answer. */
export class NewCustomerReviewNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No new-customer review ${id} that you can see.`, { reason: 'NEW_CUSTOMER_REVIEW_NOT_FOUND', field: 'id' });
  }
}

/** Only a PENDING review is decided, once. */
export class NewCustomerReviewDecidedException extends DomainException {
  constructor(id: string, state: string) {
    super(ErrorCodes.Conflict, `New-customer review ${id} is ${state}; only a PENDING one is approved or rejected.`, { reason: 'NEW_CUSTOMER_REVIEW_DECIDED', state });
  }
}
