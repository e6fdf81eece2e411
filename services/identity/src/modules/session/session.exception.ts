import { UnauthenticatedException } from '@crm/platform';

export class WrongCredentialsException extends UnauthenticatedException {
  constructor() {
    // Deliberately vague: it must not reveal which e-mail addresses exist.
    super('Wrong e-mail or password, or the account is deactivated.');
  }
}
