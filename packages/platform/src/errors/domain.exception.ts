import { GraphQLError } from 'graphql';
import { ErrorCodes, type ErrorCode } from './error-codes';

/**
 * Base of every module's typed exception. Its message is shown to the user as is, so it says what
 * went wrong and what to do; `reason` is a finer, stable machine-readable cause. Further details
 * (counts, ids) travel as extensions too, for clients that show them their own way.
 */
export class DomainException extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: { reason?: string; field?: string; httpStatus?: number; [detail: string]: unknown } = {}) {
    const { httpStatus, ...rest } = details;
    super(message, { extensions: { code, ...rest, ...(httpStatus ? { http: { status: httpStatus } } : {}) } });
    this.name = new.target.name;
  }
}

/** A request without a valid token: refused before any resolver runs, with HTTP 401. */
export class UnauthenticatedException extends DomainException {
  constructor(message = 'Sign in first: this operation needs a valid access token.') {
    super(ErrorCodes.Unauthenticated, message, { httpStatus: 401 });
  }
}

export class InputException extends DomainException {
  /** `reason`: a stable name for the rule broken, where a client may act on it (e.g. INVALID_MONEY). */
  constructor(message: string, field?: string, reason?: string) {
    super(ErrorCodes.BadUserInput, message, { ...(field ? { field } : {}), ...(reason ? { reason } : {}) });
  }
}

export class ForbiddenException extends DomainException {
  constructor(message: string, reason = 'MISSING_ROLE') {
    super(ErrorCodes.Forbidden, message, { reason });
  }
}

/** The subgraph's replica has not received what the request needs yet: retry in a moment (HTTP 503). */
export class NotReadyException extends DomainException {
  constructor(message: string, reason: string) {
    super(ErrorCodes.NotReady, message, { reason, httpStatus: 503 });
  }
}

/** The record does not exist, or the actor may not see it: the two are never told apart. */
export class NotFoundException extends DomainException {
  constructor(message: string, reason = 'NOT_FOUND') {
    super(ErrorCodes.NotFound, message, { reason });
  }
}
