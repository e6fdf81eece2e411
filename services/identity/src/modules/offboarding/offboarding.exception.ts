import { DomainException, ErrorCodes } from '@crm/platform';

export class SuccessorException extends DomainException {
  constructor(message: string, reason: 'SUCCESSOR_INACTIVE' | 'SUCCESSOR_IS_SELF') {
    super(ErrorCodes.BadUserInput, `successorId: ${message}`, { reason, field: 'successorId' });
  }
}

export class PersonOutOfReachException extends DomainException {
  constructor(field: string) {
    super(ErrorCodes.Forbidden, `${field}: this person is outside your part of the organisation.`, { reason: 'PERSON_OUT_OF_REACH', field });
  }
}
