import { DomainException, ErrorCodes } from '@crm/platform';

/**
 * A refused login. Unlike a missing token it is an answer to a valid request, so it carries no
 * HTTP 401: through the gateway the client sees this message, not a transport error.
 */
export class WrongCredentialsException extends DomainException {
  constructor() {
    // Deliberately vague: it must not reveal which e-mail addresses exist.
    super(ErrorCodes.Unauthenticated, 'Wrong e-mail or password, or the account is deactivated.', { reason: 'WRONG_CREDENTIALS' });
  }
}

export class InvalidRefreshTokenException extends DomainException {
  constructor() {
    super(ErrorCodes.Unauthenticated, 'This refresh token is invalid, expired or already used; sign in again.', { reason: 'INVALID_REFRESH_TOKEN' });
  }
}
