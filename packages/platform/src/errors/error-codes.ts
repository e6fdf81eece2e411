/** The stable `extensions.code` values clients can branch on. */
export const ErrorCodes = {
  BadUserInput: 'BAD_USER_INPUT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  /** A replica has not caught up with what the request needs yet; retrying shortly succeeds. */
  NotReady: 'NOT_READY',
  /** Throttled (sign-in): `extensions.retryAfterSeconds` says when to try again; HTTP 429. */
  TooManyAttempts: 'TOO_MANY_ATTEMPTS',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
