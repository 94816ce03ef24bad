import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Hono's secure headers on every answer (nosniff, no framing, no referrer, HSTS…). An API answers
 * JSON, never a page: its CSP allows nothing, so a body some client renders as HTML runs no script
 * and loads nothing. A route with a page of its own (the docs) sets its own CSP, which this keeps.
 */
export const securityHeaders = (): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    overwrite: false,
  });

/**
 * Answers about one user (wallet, payments, queue place, holds, reservations) must never be kept by
 * a browser or a shared cache. Set before the handler, so the answer takes it as it is built.
 */
export const noStore = (): MiddlewareHandler => async (c, next) => {
  c.header('Cache-Control', 'no-store');
  await next();
};

/** The paths whose answers are about one user. The catalog keeps its own revalidated caching. */
export const USER_DATA_PATHS = ['/api/v1/users/*', '/api/v1/queue/*', '/api/v1/payments', '/api/v1/concert-events/*', '/api/v1/reservations/*'];
