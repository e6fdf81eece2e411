import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { DomainException } from './domain.exception';
import { ErrorCodes } from './error-codes';

/**
 * Errors with a code the API defines go to the client as they are; anything else is a defect, so
 * the client gets a generic message and the log gets the details.
 */
export function maskInternalErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // A scalar refusing a literal is reported by graphql-js as a validation error, whose code Apollo
    // overwrites; the refusal's own code is the one clients branch on.
    const cause = error instanceof GraphQLError ? error.originalError : undefined;
    if (cause instanceof DomainException) {
      const { http: _http, ...refusal } = cause.extensions;
      formatted = { ...formatted, extensions: { ...formatted.extensions, ...refusal } };
    }
    const code = formatted.extensions?.code;
    if (code && code !== ErrorCodes.Internal) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: unwrapResolverError(error) }, 'internal error');
    return {
      message: 'Internal server error; it has been logged.',
      path: formatted.path,
      extensions: { code: ErrorCodes.Internal },
    };
  };
}
