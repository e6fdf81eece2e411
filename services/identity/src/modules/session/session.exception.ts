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

/**
 * Sign-in refused without checking the password: too many failures for this account, or from this
 * client address, within the window. HTTP 429, with when to retry in seconds and in the message.
 */
export class TooManyAttemptsException extends DomainException {
  constructor(subject: 'ACCOUNT' | 'ADDRESS', retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    const from = subject === 'ACCOUNT' ? 'for this account' : 'from this address';
    super(ErrorCodes.TooManyAttempts, `Too many failed sign-ins ${from}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
      reason: subject === 'ACCOUNT' ? 'ACCOUNT_LOCKED' : 'ADDRESS_LOCKED',
      retryAfterSeconds,
      httpStatus: 429,
    });
  }
}
