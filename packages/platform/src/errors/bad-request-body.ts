import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ErrorCodes } from './error-codes';

/** What body-parser (express.json) attaches to the errors it raises. */
interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

const MESSAGES: Record<string, (limit: string) => string> = {
  'entity.too.large': (limit) => `The request body is larger than ${limit}.`,
  'charset.unsupported': () => 'The request body must be JSON encoded as UTF-8 (charset=utf-8).',
  'encoding.unsupported': () => 'The request body has a Content-Encoding the server does not accept (use none, gzip, deflate or br).',
};

/**
 * The Express error handler that answers a request whose body could not be read (malformed or
 * non-object JSON, over the size limit, an unsupported charset or content encoding) the way the
 * GraphQL layer answers everything else: JSON with a code, the right 4xx status and no stack.
 * Anything else reaching it is a defect: a generic 500, with the details in the log only.
 * Mount it after the routes, e.g. `app.use(badRequestBody('1mb', logger))`.
 */
export function badRequestBody(limit: string, logger?: Logger): ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = error?.status ?? error?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = MESSAGES[error.type ?? '']?.(limit) ?? `The request body is not valid JSON under ${limit}.`;
      res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    logger?.error({ err: error }, 'internal error');
    res.status(500).json({ errors: [{ message: 'Internal server error; it has been logged.', extensions: { code: ErrorCodes.Internal } }] });
  };
}
