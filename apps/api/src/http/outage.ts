import { isDatabaseUnreachable } from '@concert/db';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import { errorResponse } from './errorBody.js';

/** How long a client should wait before retrying through an outage of MySQL or Redis. */
export const OUTAGE_RETRY_AFTER_SECONDS = 2;

/** Marks an answer as "try again later", with the wait. */
export const retryLater = (c: Context) => c.header('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));

/**
 * MySQL out of reach (refused, timed out, lost) answers 503 database_unavailable, as Redis out of
 * reach answers 503 queue_unavailable: the client can only wait, so it is told how long, and the
 * log says which dependency is down in one warning line rather than an error with a stack.
 * Undefined for any other failure.
 */
/** `logger`: the request's own, which carries its request id. */
export function databaseOutage(c: Context, error: unknown, logger: Logger): Response | undefined {
  if (!isDatabaseUnreachable(error)) return undefined;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  logger.warn({ path: c.req.path, code }, 'database unavailable');
  retryLater(c);
  return errorResponse(c, 503, 'database_unavailable', 'The database is unavailable for a moment. Please retry shortly.');
}
