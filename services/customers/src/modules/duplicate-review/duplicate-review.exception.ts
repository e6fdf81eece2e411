import { DomainException, ErrorCodes } from '@crm/platform';

export class DuplicateReviewNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No open duplicate review ${id} of a customer you can see.`, { reason: 'DUPLICATE_REVIEW_NOT_FOUND' });
  }
}
