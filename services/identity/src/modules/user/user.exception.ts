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
