import { GraphQLError } from 'graphql';
import { ErrorCodes, type ErrorCode } from './error-codes';

const httpStatus: Partial<Record<ErrorCode, number>> = {
  [ErrorCodes.Unauthenticated]: 401,
};

/**
 * Base of every module's typed exception. Its message is shown to the user as is, so it says what
 * went wrong and what to do; `reason` is a finer, stable machine-readable cause.
 */
export class DomainException extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: { reason?: string; field?: string } = {}) {
    const status = httpStatus[code];
    super(message, { extensions: { code, ...details, ...(status ? { http: { status } } : {}) } });
    this.name = new.target.name;
  }
}

export class UnauthenticatedException extends DomainException {
  constructor(message = 'Sign in first: this operation needs a valid access token.') {
    super(ErrorCodes.Unauthenticated, message);
  }
}

export class InputException extends DomainException {
  constructor(message: string, field?: string) {
    super(ErrorCodes.BadUserInput, message, field ? { field } : {});
  }
}
