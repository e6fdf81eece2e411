import { DomainException, ErrorCodes } from '@crm/platform';

export class UnknownRepException extends DomainException {
  constructor(userId: string) {
    super(ErrorCodes.NotFound, `userId: there is no person ${userId}.`, { reason: 'NEW_CUSTOMER_CREDIT_SUBJECT_NOT_FOUND', field: 'userId' });
  }
}

/** ORG-2: reps see their own appraisal figures, managers and team leads those of their subtree. */
export class RepOutOfReachException extends DomainException {
  constructor(userId: string) {
    super(ErrorCodes.Forbidden, `userId: ${userId} is not in your part of the organisation; reps see their own new-customer credit, managers and team leads that of their unit's subtree.`, {
      reason: 'NEW_CUSTOMER_CREDIT_OUT_OF_REACH',
      field: 'userId',
    });
  }
}
