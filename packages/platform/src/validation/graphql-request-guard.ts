import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';

export interface GraphQLRequestGuardOptions {
  /** The largest `query` document accepted, in UTF-8 bytes, comments and whitespace included. */
  maxDocumentBytes: number;
  /**
   * The SHA-256 ids of the only documents that may run (a production safelist); any other document
   * sent as text is refused with QUERY_NOT_IN_SAFELIST.
   */
  safelist?: ReadonlySet<string>;
}

function refuse(res: Parameters<RequestHandler>[1], status: number, message: string, code = 'BAD_REQUEST'): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Checks what Apollo Server would otherwise parse, cache or register first: a document over the size
 * cap (HTTP 413, so no one can register or make the server parse padded megabyte documents) and an
 * automatic persisted query whose hash does not match its document (HTTP 400), and, with a safelist,
 * a document not in it (HTTP 400, QUERY_NOT_IN_SAFELIST). Mount it after
 * `express.json()` and before the GraphQL middleware; the refusals are JSON with a code.
 */
export function graphqlRequestGuard(options: GraphQLRequestGuardOptions): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    const request = (body && typeof body === 'object' && !Array.isArray(body) ? body : req.query) as {
      query?: unknown;
      extensions?: unknown;
    };
    const query = request?.query;
    if (typeof query === 'string' && Buffer.byteLength(query, 'utf8') > options.maxDocumentBytes) {
      refuse(res, 413, `The GraphQL document is larger than ${options.maxDocumentBytes} bytes.`);
      return;
    }
    let extensions = request?.extensions;
    if (typeof extensions === 'string') {
      try {
        extensions = JSON.parse(extensions) as unknown;
      } catch {
        // Apollo Server refuses unreadable extensions itself.
      }
    }
    const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
    if (typeof query === 'string' && persisted && typeof persisted === 'object') {
      const hash = persisted.sha256Hash;
      if (typeof hash !== 'string' || hash.toLowerCase() !== sha256(query)) {
        refuse(res, 400, 'The persisted query hash (extensions.persistedQuery.sha256Hash) is not the SHA-256 of the query.');
        return;
      }
    }
    if (typeof query === 'string' && options.safelist && !options.safelist.has(sha256(query))) {
      refuse(res, 400, 'This server runs only the operations its own clients were built with (persisted documents); send one of those, by id or as its exact text.', 'QUERY_NOT_IN_SAFELIST');
      return;
    }
    next();
  };
}
