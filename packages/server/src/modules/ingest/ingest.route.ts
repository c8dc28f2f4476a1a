import { createHash, timingSafeEqual } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { type DbHandle, isConnectionError } from '@parlance/db';
import { createIngestor, readLines } from '@parlance/signals';
import { type Request, type Response, Router } from 'express';
import type { Logger } from 'pino';
import { toPublicError } from '../../errors.js';
import type { Metrics } from '../../http/metrics.js';

/** Largest NDJSON body accepted in one request. */
export const MAX_INGEST_BYTES = 64 * 1024 * 1024;

type IngestErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'BAD_USER_INPUT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

const STATUS: Record<IngestErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  BAD_USER_INPUT: 400,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

function fail(res: Response, code: IngestErrorCode, message: string): void {
  if (res.headersSent) return;
  res.status(STATUS[code]).json({ error: { code, message } });
}

class TooLarge extends Error {
  override readonly name = 'TooLarge';
}

/** Passes bytes through, failing once more than `limit` went by. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) callback(new TooLarge(`The body is larger than ${limit} bytes.`));
      else callback(null, chunk);
    },
  });
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `POST /internal/v1/events`: NDJSON chat and profile events, streamed line by line into the
 * signals ingestor. Its own bearer token; an advertiser API key is refused (403). Responds with
 * the ingest summary; unreadable lines are reported by line number, never by content.
 */
export function ingestRouter(deps: {
  db: DbHandle;
  pseudonymKey: string;
  ingestToken: string;
  logger: Logger;
  metrics: Metrics;
  maxBytes?: number;
}): Router {
  const router = Router();
  const expected = digest(deps.ingestToken);
  router.post('/internal/v1/events', async (req: Request, res: Response) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const token = match?.[1];
    if (!token)
      return fail(res, 'UNAUTHENTICATED', 'Send the ingestion token as Authorization: Bearer <token>.');
    if (!timingSafeEqual(digest(token), expected)) {
      return token.startsWith('plk_')
        ? fail(res, 'FORBIDDEN', 'Advertiser API keys cannot use the ingestion endpoint.')
        : fail(res, 'UNAUTHENTICATED', 'The ingestion token is invalid.');
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (
      type &&
      !['application/x-ndjson', 'application/jsonl', 'text/plain', 'application/json'].includes(type)
    ) {
      return fail(res, 'UNSUPPORTED_MEDIA_TYPE', 'Send newline-delimited JSON (application/x-ndjson).');
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const limit = deps.maxBytes ?? MAX_INGEST_BYTES;
    if (declared > limit) return fail(res, 'PAYLOAD_TOO_LARGE', `The body is larger than ${limit} bytes.`);
    const limited = req.pipe(byteLimit(limit));
    req.on('error', (error) => limited.destroy(error));
    try {
      const ingestor = createIngestor({ db: deps.db, pseudonymKey: deps.pseudonymKey });
      const summary = await ingestor.ingestLines(readLines(limited));
      deps.metrics.ingestLines.inc({ outcome: 'accepted' }, summary.accepted);
      deps.metrics.ingestLines.inc({ outcome: 'duplicate' }, summary.duplicates);
      deps.metrics.ingestLines.inc(
        { outcome: 'rejected' },
        Object.values(summary.rejected).reduce((a, b) => a + b, 0),
      );
      res.json(summary);
    } catch (error) {
      if (error instanceof TooLarge || (error as { cause?: unknown }).cause instanceof TooLarge) {
        req.resume();
        return fail(res, 'PAYLOAD_TOO_LARGE', `The body is larger than ${limit} bytes.`);
      }
      if (isConnectionError(error))
        return fail(res, 'SERVICE_UNAVAILABLE', 'The database is unavailable; retry.');
      const pub = toPublicError(error);
      deps.logger.error({ err: error, code: pub.code }, 'ingest failed');
      return fail(
        res,
        pub.code === 'SERVICE_UNAVAILABLE' || pub.code === 'BAD_USER_INPUT'
          ? pub.code
          : 'INTERNAL_SERVER_ERROR',
        pub.message,
      );
    }
  });
  return router;
}
