import { DomainException, ErrorCodes } from '@crm/platform';

export class UserNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No user with id ${id}.`, { reason: 'USER_NOT_FOUND' });
  }
}

export class EmailTakenException extends DomainException {
  constructor(email: string) {
    super(ErrorCodes.Conflict, `email: ${email} is already used by another person.`, { reason: 'EMAIL_TAKEN', field: 'email' });
  }
}

export class PersonOutOfReachException extends DomainException {
  constructor(field: string) {
    super(ErrorCodes.Forbidden, `${field}: this person is outside your part of the organisation.`, { reason: 'PERSON_OUT_OF_REACH', field });
  }
}

export class NotAnAssistantException extends DomainException {
  constructor() {
    super(ErrorCodes.BadUserInput, 'assistantId: this person does not have the ASSISTANT role.', { reason: 'NOT_AN_ASSISTANT', field: 'assistantId' });
  }
}

export class EmploymentStatusException extends DomainException {
  constructor(message: string, reason: 'USE_DEACTIVATION' | 'PERSON_LEFT') {
    super(ErrorCodes.BadUserInput, message, { reason, field: reason === 'USE_DEACTIVATION' ? 'status' : 'userId' });
  }
}
