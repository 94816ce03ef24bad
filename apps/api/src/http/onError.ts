import { isDomainError, type ErrorCode } from '@concert/domain';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { errorResponse } from './errorBody.js';
import { errorStatus } from './errorStatus.js';
import { databaseOutage, retryLater } from './outage.js';

/** RFC 6750's challenges: a request without a token gets the bare one, a refused token names why. */
const BEARER_CHALLENGE: Partial<Record<ErrorCode, string>> = {
  identity_missing: 'Bearer realm="concert"',
  identity_invalid: 'Bearer realm="concert", error="invalid_token"',
};

/**
 * Expected outcomes (domain errors) become their status (a 503 tells when to retry; a 401 for a
 * bearer token says which scheme, when the API checks tokens itself); Hono's own 4xx (malformed
 * JSON) keep theirs; MySQL out of reach is a 503 too; anything else is a 500 without internals,
 * logged once here.
 */
export function createErrorHandler(logger: Logger, { bearerTokens = false }: { bearerTokens?: boolean } = {}) {
  return (error: Error, c: Context) => {
    if (isDomainError(error)) {
      const status = errorStatus[error.code];
      if (status === 503) retryLater(c);
      const challenge = bearerTokens ? BEARER_CHALLENGE[error.code] : undefined;
      if (challenge) c.header('WWW-Authenticate', challenge);
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
