import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

const ALLOW_HEADERS = ['User-Token', 'Idempotency-Key', 'Content-Type', 'Authorization'];
const ALLOW_METHODS = ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'];
const EXPOSE_HEADERS = ['ETag', 'X-Request-Id'];

/**
 * CORS with Hono's middleware for preflights only. On other requests Hono's sets its headers on
 * `c.res` before the handler runs, which makes Hono rebuild every answer as a full web Response
 * with a body stream (measured: about a third of a cached catalog request's CPU). Here they go
 * through `c.header()`, which the handler's answer takes as it is built.
 */
export function corsPolicy(origins: string[]): MiddlewareHandler {
  const anyOrigin = origins.includes('*');
  const preflight = cors({
    origin: anyOrigin ? '*' : origins,
    allowHeaders: ALLOW_HEADERS,
    allowMethods: ALLOW_METHODS,
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: 600,
  });
  const { headersFor, variesByOrigin } = simpleCors(origins);
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    for (const [name, value] of Object.entries(headersFor(c.req.header('origin')))) c.header(name, value);
    await next();
    // Appended after the handler's own Vary.
    if (variesByOrigin) c.header('Vary', 'Origin', { append: true });
  };
}

/**
 * The CORS headers of a request that is not a preflight, for the middleware above and for the
 * catalog fast path that answers without Hono.
 */
export function simpleCors(origins: string[]) {
  const anyOrigin = origins.includes('*');
  const exposed = EXPOSE_HEADERS.join(',');
  return {
    headersFor(origin: string | undefined): Record<string, string> {
      const allowed = anyOrigin ? '*' : origins.includes(origin ?? '') ? origin : undefined;
      return allowed
        ? { 'Access-Control-Allow-Origin': allowed, 'Access-Control-Expose-Headers': exposed }
        : { 'Access-Control-Expose-Headers': exposed };
    },
    /** The answer depends on the origin only when origins are listed. */
    variesByOrigin: !anyOrigin,
  };
}
