import { DomainException, ErrorCodes } from '@crm/platform';

export class UnknownPersonException extends DomainException {
  constructor(userId: string) {
    super(ErrorCodes.NotFound, `userId: there is no person ${userId}.`, { reason: 'DATA_QUALITY_SUBJECT_NOT_FOUND', field: 'userId' });
  }
}

/** ORG-2: reps see their own appraisal figures, managers and team leads those of their subtree. */
export class PersonOutOfReachException extends DomainException {
  constructor(userId: string) {
    super(ErrorCodes.Forbidden, `userId: ${userId} is not in your part of the organisation; reps see their own data quality, managers and team leads that of their unit's subtree.`, {
      reason: 'DATA_QUALITY_OUT_OF_REACH',
      field: 'userId',
    });
  }
}
