import { isDomainError } from '@concert/domain';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { errorResponse } from './errorBody.js';
import { errorStatus } from './errorStatus.js';
import { databaseOutage, retryLater } from './outage.js';

/**
 * Expected outcomes (domain errors) become their status (a 503 tells when to retry); Hono's own 4xx
 * (malformed JSON) keep theirs; MySQL out of reach is a 503 too; anything else is a 500 without
 * internals, logged once here.
 */
export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    if (isDomainError(error)) {
      const status = errorStatus[error.code];
      if (status === 503) retryLater(c);
      return errorResponse(c, status, error.code, error.message, error.details);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const malformedJson = /json/i.test(error.message);
      return errorResponse(
        c,
        error.status,
        malformedJson ? 'invalid_json' : 'invalid_request',
        malformedJson ? 'The request body is not valid JSON.' : error.message || 'The request is invalid.',
      );
    }
    // The request's own logger carries its request id; an error before requestLog ran has none.
    const requestLogger = (c.get('logger') as Logger | undefined) ?? logger.child({ requestId: c.get('requestId') });
    const outage = databaseOutage(c, error, requestLogger);
    if (outage) return outage;
    requestLogger.error({ err: error, path: c.req.path }, 'unhandled error');
    return errorResponse(c, 500, 'internal_error', 'Something went wrong on our side. Please retry.');
  };
}
